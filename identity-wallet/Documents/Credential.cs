using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Poseidon;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The holder's private copy of a credential: the signed statement plus its opening (attributes and salt). Only the
/// holder needs the opening, to prove predicates; it never leaves the wallet.
/// </summary>
public sealed class Credential
{
    private static readonly string[] JsonNames = ["statement", "attributes", "salt"];

    private readonly ulong[] attributes;

    public Credential(CredentialStatement statement, IReadOnlyList<ulong> attributes, string salt)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(attributes);
        CredentialSchema.CheckAttributes(statement.Type, attributes);
        FieldText.Parse(salt, "salt");
        Statement = statement;
        this.attributes = [.. attributes];
        Salt = salt;
    }

    public CredentialStatement Statement { get; }

    public IReadOnlyList<ulong> Attributes => attributes;

    /// <summary>Canonical decimal BN254 scalar that blinds the commitment.</summary>
    public string Salt { get; }

    /// <summary>
    /// Issues a credential: draws a uniform salt below 2^253 (so below r), commits with Poseidon(attributes ‖ salt)
    /// and signs the statement with the issuer's key.
    /// </summary>
    public static Credential Issue(Sm2PrivateKey issuerKey, string issuerId, string id, string type, string holder, ulong[] attributes, long issuedAt)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        CredentialSchema.CheckAttributes(type, attributes);
        var salt = RandomSalt();
        var commitment = Commit(attributes, salt).ToString();
        var issuerPublicKey = issuerKey.PublicKey.ToUncompressed();
        var signed = CredentialStatement.SigningBytes(WalletIds.Check(id, "credential id"), type, WalletIds.Check(issuerId, "issuer"),
            issuerPublicKey, WalletIds.Check(holder, "holder"), commitment, issuedAt);
        var signature = issuerKey.SignData(signed).ToRaw();
        var statement = new CredentialStatement(id, type, issuerId, issuerPublicKey, holder, commitment, issuedAt, signature);
        return new Credential(statement, attributes, salt.ToString());
    }

    /// <summary>True when Poseidon(attributes ‖ salt) equals the statement's commitment.</summary>
    public bool VerifyOpening() => Commit(attributes, Fr.Parse(Salt)).ToString() == Statement.Commitment;

    public string ToJson() => JsonFields.Write(new JsonObject
    {
        ["statement"] = Statement.ToJsonNode(),
        ["attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)JsonValue.Create(a))]),
        ["salt"] = Salt,
    });

    public static Credential FromJson(string json)
    {
        const string What = "credential";
        using var doc = JsonFields.Parse(json, What);
        var f = new JsonFields(doc.RootElement, What, JsonNames);
        return new Credential(CredentialStatement.FromJsonElement(f.Element("statement"), What + ".statement"), f.UInt64Array("attributes"), f.String("salt"));
    }

    internal static Fr Commit(IReadOnlyList<ulong> attributes, Fr salt) => PoseidonHash.Hash([.. attributes.Select(Fr.FromUInt64), salt]);

    private static Fr RandomSalt()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] &= 0x1F;
        return Fr.FromBigEndian(bytes);
    }
}
