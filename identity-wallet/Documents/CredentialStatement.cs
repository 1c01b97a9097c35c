using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>
/// What a verifier sees of a credential: the issuer's SM2 signature over the holder's Poseidon commitment to the
/// attributes. The attributes and salt stay in the holder's <see cref="Credential"/>.
/// </summary>
public sealed class CredentialStatement
{
    private static readonly byte[] Tag = "GovChain.credential.v1"u8.ToArray();
    private static readonly string[] JsonNames = ["id", "type", "issuer", "issuerPublicKey", "holder", "commitment", "issuedAt", "signature"];

    private readonly byte[] issuerPublicKey;
    private readonly byte[] signature;

    /// <summary>Validates every field; a bad one is a <see cref="WalletFormatException"/>. The signature is checked by <see cref="VerifySignature"/>.</summary>
    public CredentialStatement(string id, string type, string issuer, byte[] issuerPublicKey, string holder, string commitment, long issuedAt, byte[] signature)
    {
        Id = WalletIds.Check(id, "credential id");
        Type = CredentialSchema.Type(type).Name;
        Issuer = WalletIds.Check(issuer, "issuer");
        this.issuerPublicKey = DocumentKeys.CheckPublicKey(issuerPublicKey, "issuer public key");
        Holder = WalletIds.Check(holder, "holder");
        FieldText.Parse(commitment, "commitment");
        Commitment = commitment;
        IssuedAt = issuedAt;
        this.signature = DocumentKeys.CheckSignature(signature, "credential signature");
    }

    public string Id { get; }

    public string Type { get; }

    public string Issuer { get; }

    /// <summary>65-byte uncompressed SM2 point; the verifier must also check it is the issuer's registered key.</summary>
    public byte[] IssuerPublicKey => (byte[])issuerPublicKey.Clone();

    public string Holder { get; }

    /// <summary>Poseidon(attributes ‖ salt) as a canonical decimal BN254 scalar.</summary>
    public string Commitment { get; }

    /// <summary>Unix seconds.</summary>
    public long IssuedAt { get; }

    public byte[] Signature => (byte[])signature.Clone();

    /// <summary>SM3 of the signed bytes: what the ledger records as IssueCredential.ContentHash.</summary>
    public Hash32 ContentHash => Hash32.Compute(SigningBytes());

    /// <summary>"GovChain.credential.v1" ‖ id ‖ type ‖ issuer ‖ issuer key ‖ holder ‖ commitment (32 BE) ‖ issuedAt.</summary>
    public byte[] SigningBytes() => SigningBytes(Id, Type, Issuer, issuerPublicKey, Holder, Commitment, IssuedAt);

    internal static byte[] SigningBytes(string id, string type, string issuer, byte[] issuerKey, string holder, string commitment, long issuedAt)
    {
        var writer = new CanonicalWriter();
        writer.WriteFixed(Tag);
        writer.WriteString(id);
        writer.WriteString(type);
        writer.WriteString(issuer);
        writer.WriteBytes(issuerKey);
        writer.WriteString(holder);
        writer.WriteFixed(FieldText.BigEndian(FieldText.Parse(commitment, "commitment")));
        writer.WriteInt64(issuedAt);
        return writer.ToArray();
    }

    public bool VerifySignature() => DocumentKeys.Verify(issuerPublicKey, SigningBytes(), signature);

    public string ToJson() => JsonFields.Write(ToJsonNode());

    public static CredentialStatement FromJson(string json)
    {
        using var doc = JsonFields.Parse(json, "credential statement");
        return FromJsonElement(doc.RootElement, "credential statement");
    }

    internal JsonObject ToJsonNode() => new()
    {
        ["id"] = Id,
        ["type"] = Type,
        ["issuer"] = Issuer,
        ["issuerPublicKey"] = Hex.Encode(issuerPublicKey),
        ["holder"] = Holder,
        ["commitment"] = Commitment,
        ["issuedAt"] = IssuedAt,
        ["signature"] = Hex.Encode(signature),
    };

    internal static CredentialStatement FromJsonElement(System.Text.Json.JsonElement element, string what)
    {
        var f = new JsonFields(element, what, JsonNames);
        return new CredentialStatement(f.String("id"), f.String("type"), f.String("issuer"), f.Hex("issuerPublicKey", Sm2PublicKey.UncompressedSizeInBytes),
            f.String("holder"), f.String("commitment"), f.Int64("issuedAt"), f.Hex("signature", Sm2Signature.RawSizeInBytes));
    }
}
