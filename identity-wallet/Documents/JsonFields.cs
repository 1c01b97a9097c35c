using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.Crypto;

namespace GovChain.Wallet.Documents;

/// <summary>
/// Strict reading of one JSON object: every listed property must be present with the expected type, and anything
/// else (unknown or repeated properties, wrong types) is a <see cref="WalletFormatException"/> naming the field.
/// </summary>
internal sealed class JsonFields
{
    /// <summary>Documents are small; a bound keeps a hostile file from costing memory.</summary>
    public const int MaxDocumentChars = 1 << 20;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Dictionary<string, JsonElement> properties = new(StringComparer.Ordinal);
    private readonly string what;

    public JsonFields(JsonElement element, string what, params string[] expected)
    {
        this.what = what;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new WalletFormatException($"{what}: expected a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!expected.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new WalletFormatException($"{what}: unknown property '{property.Name}'");
            }

            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw new WalletFormatException($"{what}: property '{property.Name}' appears twice");
            }
        }

        var missing = expected.FirstOrDefault(name => !properties.ContainsKey(name));
        if (missing is not null)
        {
            throw new WalletFormatException($"{what}: missing property '{missing}'");
        }
    }

    /// <summary>Parses a whole document; the caller disposes it.</summary>
    public static JsonDocument Parse(string? json, string what)
    {
        if (json is null || json.Length > MaxDocumentChars)
        {
            throw new WalletFormatException($"{what}: missing or longer than {MaxDocumentChars} characters");
        }

        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new WalletFormatException($"{what}: not valid JSON ({e.Message})", e);
        }
    }

    public static string Write(JsonNode node) => node.ToJsonString(Indented);

    public JsonElement Element(string name) => properties[name];

    public JsonFields Object(string name, params string[] expected) => new(properties[name], $"{what}.{name}", expected);

    public string String(string name)
    {
        var element = properties[name];
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new WalletFormatException($"{what}.{name}: expected a string");
    }

    public string? OptionalString(string name) =>
        properties[name].ValueKind == JsonValueKind.Null ? null : String(name);

    public long Int64(string name)
    {
        var element = properties[name];
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value)
            ? value
            : throw new WalletFormatException($"{what}.{name}: expected an integer");
    }

    public static ulong UInt64(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out var value)
            ? value
            : throw new WalletFormatException($"{what}: expected an unsigned 64-bit integer");

    public ulong[] UInt64Array(string name)
    {
        var element = properties[name];
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new WalletFormatException($"{what}.{name}: expected an array");
        }

        return [.. element.EnumerateArray().Select((e, i) => UInt64(e, $"{what}.{name}[{i}]"))];
    }

    /// <summary>A map of string keys to unsigned integers, returned sorted by key (ordinal).</summary>
    public SortedDictionary<string, ulong> UInt64Map(string name)
    {
        var map = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (key, value) in Map(name))
        {
            map[key] = UInt64(value, $"{what}.{name}.{key}");
        }

        return map;
    }

    /// <summary>A map of string keys to strings, returned sorted by key (ordinal).</summary>
    public SortedDictionary<string, string> StringMap(string name)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Map(name))
        {
            map[key] = value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new WalletFormatException($"{what}.{name}.{key}: expected a string");
        }

        return map;
    }

    public byte[] Hex(string name, int? exactLength = null)
    {
        byte[] bytes;
        try
        {
            bytes = GovChain.Crypto.Hex.Decode(String(name), $"{what}.{name}");
        }
        catch (CryptoInputException e)
        {
            throw new WalletFormatException(e.Message, e);
        }

        return exactLength is { } n && bytes.Length != n
            ? throw new WalletFormatException($"{what}.{name}: expected {n} bytes, got {bytes.Length}")
            : bytes;
    }

    private List<(string Key, JsonElement Value)> Map(string name)
    {
        var element = properties[name];
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new WalletFormatException($"{what}.{name}: expected an object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<(string, JsonElement)>();
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new WalletFormatException($"{what}.{name}: key '{property.Name}' appears twice");
            }

            entries.Add((property.Name, property.Value));
        }

        return entries;
    }
}
