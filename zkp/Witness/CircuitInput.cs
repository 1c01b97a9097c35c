using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Witness;

/// <summary>
/// A circom input JSON flattened the way circom's witness calculator expects: nested objects become dotted names,
/// arrays of any depth become one row-major list per signal. Values are integers (strings or JSON numbers); negative
/// values mean r − |v|, as in circom. Values with |v| ≥ r are rejected rather than silently reduced.
/// </summary>
internal static class CircuitInput
{
    public static List<(string Name, Fr[] Values)> Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new ZkFormatException($"input: malformed JSON ({e.Message})", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ZkFormatException("input: expected a JSON object of signal names");
            }

            var result = new List<(string, Fr[])>();
            Qualify(string.Empty, doc.RootElement, result);
            return result;
        }
    }

    private static void Qualify(string prefix, JsonElement e, List<(string, Fr[])> result)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                Qualify(prefix.Length == 0 ? p.Name : prefix + "." + p.Name, p.Value, result);
            }

            return;
        }

        if (e.ValueKind == JsonValueKind.Array && ContainsObjects(e))
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                Qualify($"{prefix}[{i++}]", item, result);
            }

            return;
        }

        var values = new List<Fr>();
        Flatten(prefix, e, values);
        result.Add((prefix, [.. values]));
    }

    private static bool ContainsObjects(JsonElement array) =>
        array.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.Object || (x.ValueKind == JsonValueKind.Array && ContainsObjects(x)));

    private static void Flatten(string name, JsonElement e, List<Fr> values)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Flatten(name, item, values);
                }

                break;
            case JsonValueKind.String or JsonValueKind.Number:
                values.Add(ParseValue(name, e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
                break;
            default:
                throw new ZkFormatException($"input '{name}': expected integers, got {e.ValueKind}");
        }
    }

    private static Fr ParseValue(string name, string text)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > 80 || !digits.All(char.IsAsciiDigit))
        {
            throw new ZkFormatException($"input '{name}': '{text}' is not an integer");
        }

        var v = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (v >= Fr.Modulus)
        {
            throw new ZkFormatException($"input '{name}': {text} is outside the field (|v| ≥ r)");
        }

        var f = Fr.FromBigInteger(v);
        return negative ? -f : f;
    }
}
