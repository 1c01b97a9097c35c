using System.Text.Json.Nodes;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The plaintext of an e-licence (a business licence, a permit). It travels sealed in a <see cref="LicenceEnvelope"/>
/// and is shown only in a holder-signed <see cref="LicenceDisclosure"/>.
/// </summary>
public sealed class LicenceDocument
{
    public const int MaxFields = 64;
    public const int MaxTextBytes = 1024;

    private static readonly byte[] Tag = "GovChain.licence-document.v1"u8.ToArray();
    private static readonly string[] JsonNames = ["licenceId", "type", "number", "holderName", "holderId", "issuer", "fields", "validFrom", "validUntil"];

    private readonly SortedDictionary<string, string> fields;

    public LicenceDocument(string licenceId, string type, string number, string holderName, string holderId, string issuer,
        IReadOnlyDictionary<string, string> fields, long validFrom, long validUntil)
    {
        ArgumentNullException.ThrowIfNull(fields);
        LicenceId = WalletIds.Check(licenceId, "licence id");
        Type = WalletIds.Check(type, "licence type");
        Number = WalletIds.Check(number, "licence number");
        HolderName = WalletIds.CheckText(holderName, "holder name", MaxTextBytes);
        HolderId = WalletIds.Check(holderId, "holder id");
        Issuer = WalletIds.Check(issuer, "issuer");
        if (fields.Count > MaxFields)
        {
            throw new WalletFormatException($"a licence has at most {MaxFields} fields, got {fields.Count}");
        }

        this.fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            this.fields[WalletIds.Check(key, "licence field name")] = WalletIds.CheckText(value, $"licence field '{key}'", MaxTextBytes);
        }

        if (validFrom >= validUntil)
        {
            throw new WalletFormatException($"licence validity window is empty ({validFrom} to {validUntil})");
        }

        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    public string LicenceId { get; }

    /// <summary>For example "business-licence".</summary>
    public string Type { get; }

    public string Number { get; }

    public string HolderName { get; }

    public string HolderId { get; }

    public string Issuer { get; }

    /// <summary>Further printed fields, sorted by name (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Fields => fields;

    /// <summary>Unix seconds; the licence is valid from this instant.</summary>
    public long ValidFrom { get; }

    /// <summary>Unix seconds; the licence is no longer valid from this instant.</summary>
    public long ValidUntil { get; }

    /// <summary>SM3 of <see cref="CanonicalBytes"/>, which the envelope signs.</summary>
    public Hash32 Hash => Hash32.Compute(CanonicalBytes());

    public byte[] CanonicalBytes()
    {
        var writer = new CanonicalWriter();
        writer.WriteFixed(Tag);
        writer.WriteString(LicenceId);
        writer.WriteString(Type);
        writer.WriteString(Number);
        writer.WriteString(HolderName);
        writer.WriteString(HolderId);
        writer.WriteString(Issuer);
        writer.WriteUInt32((uint)fields.Count);
        foreach (var (key, value) in fields)
        {
            writer.WriteString(key);
            writer.WriteString(value);
        }

        writer.WriteInt64(ValidFrom);
        writer.WriteInt64(ValidUntil);
        return writer.ToArray();
    }

    public static LicenceDocument FromCanonicalBytes(ReadOnlySpan<byte> bytes) =>
        CanonicalDecoding.Decode(bytes, "licence document", Read);

    internal static LicenceDocument Read(ref CanonicalReader reader)
    {
        const string What = "licence document";
        CanonicalDecoding.ExpectTag(ref reader, Tag, What);
        var id = reader.ReadString(MaxTextBytes);
        var type = reader.ReadString(MaxTextBytes);
        var number = reader.ReadString(MaxTextBytes);
        var holderName = reader.ReadString(MaxTextBytes);
        var holderId = reader.ReadString(MaxTextBytes);
        var issuer = reader.ReadString(MaxTextBytes);
        var count = reader.ReadCount(MaxFields);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString(MaxTextBytes);
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                throw new WalletFormatException($"{What}: field names must be sorted and distinct");
            }

            map[key] = reader.ReadString(MaxTextBytes);
            previous = key;
        }

        return new LicenceDocument(id, type, number, holderName, holderId, issuer, map, reader.ReadInt64(), reader.ReadInt64());
    }

    public string ToJson() => JsonFields.Write(ToJsonNode());

    public static LicenceDocument FromJson(string json)
    {
        using var doc = JsonFields.Parse(json, "licence document");
        return FromJsonElement(doc.RootElement, "licence document");
    }

    internal JsonObject ToJsonNode()
    {
        var map = new JsonObject();
        foreach (var (key, value) in fields)
        {
            map[key] = value;
        }

        return new JsonObject
        {
            ["licenceId"] = LicenceId,
            ["type"] = Type,
            ["number"] = Number,
            ["holderName"] = HolderName,
            ["holderId"] = HolderId,
            ["issuer"] = Issuer,
            ["fields"] = map,
            ["validFrom"] = ValidFrom,
            ["validUntil"] = ValidUntil,
        };
    }

    internal static LicenceDocument FromJsonElement(System.Text.Json.JsonElement element, string what)
    {
        var f = new JsonFields(element, what, JsonNames);
        return new LicenceDocument(f.String("licenceId"), f.String("type"), f.String("number"), f.String("holderName"), f.String("holderId"),
            f.String("issuer"), f.StringMap("fields"), f.Int64("validFrom"), f.Int64("validUntil"));
    }
}
