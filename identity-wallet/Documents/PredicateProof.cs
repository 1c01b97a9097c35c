using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>
/// A holder's zero-knowledge proof that the credential behind <see cref="Statement"/> satisfies <see cref="Predicate"/>
/// with <see cref="Parameters"/>. <see cref="ProofJson"/> and <see cref="PublicJson"/> are snarkjs's proof.json and
/// public.json; JSON form embeds them as objects so `snarkjs groth16 verify` can read them unchanged.
/// </summary>
public sealed class PredicateProof
{
    private static readonly string[] JsonNames = ["statement", "predicate", "parameters", "proof", "public"];

    private readonly SortedDictionary<string, ulong> parameters;

    public PredicateProof(CredentialStatement statement, string predicate, IReadOnlyDictionary<string, ulong> parameters, string proofJson, string publicJson)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(proofJson);
        ArgumentNullException.ThrowIfNull(publicJson);
        Statement = statement;
        Predicate = CredentialSchema.ForPredicate(predicate).Predicate.Name;
        this.parameters = new SortedDictionary<string, ulong>(parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        ProofJson = CheckKind(proofJson, JsonValueKind.Object, "predicate proof.proof: expected a snarkjs proof object");
        PublicJson = CheckKind(publicJson, JsonValueKind.Array, "predicate proof.public: expected a snarkjs public-signals array");
    }

    public CredentialStatement Statement { get; }

    public string Predicate { get; }

    public IReadOnlyDictionary<string, ulong> Parameters => parameters;

    /// <summary>snarkjs proof.json.</summary>
    public string ProofJson { get; }

    /// <summary>snarkjs public.json: [commitment, parameters in circuit order].</summary>
    public string PublicJson { get; }

    /// <summary>SM3 of the compact JSON form: what a verifier records as the statement it checked.</summary>
    public Hash32 Hash => Hash32.Compute(System.Text.Encoding.UTF8.GetBytes(ToJsonNode().ToJsonString()));

    public string ToJson() => JsonFields.Write(ToJsonNode());

    /// <summary>
    /// Parses the JSON form. Structure errors (not JSON, missing fields, proof not an object, public not an array)
    /// are <see cref="WalletFormatException"/>s; a structurally sound proof with wrong content parses and is judged
    /// by <see cref="PredicateVerifier"/>.
    /// </summary>
    public static PredicateProof FromJson(string json)
    {
        const string What = "predicate proof";
        using var doc = JsonFields.Parse(json, What);
        var f = new JsonFields(doc.RootElement, What, JsonNames);
        return new PredicateProof(CredentialStatement.FromJsonElement(f.Element("statement"), What + ".statement"), f.String("predicate"),
            f.UInt64Map("parameters"), f.Element("proof").GetRawText(), f.Element("public").GetRawText());
    }

    private static string CheckKind(string json, JsonValueKind kind, string error)
    {
        using var doc = JsonFields.Parse(json, "predicate proof");
        return doc.RootElement.ValueKind == kind ? json : throw new WalletFormatException(error);
    }

    private JsonObject ToJsonNode()
    {
        var map = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            map[name] = value;
        }

        return new JsonObject
        {
            ["statement"] = Statement.ToJsonNode(),
            ["predicate"] = Predicate,
            ["parameters"] = map,
            ["proof"] = JsonNode.Parse(ProofJson),
            ["public"] = JsonNode.Parse(PublicJson),
        };
    }
}
