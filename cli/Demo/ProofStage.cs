using System.Text.Json.Nodes;
using GovChain.Bench;
using GovChain.Crypto;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Poseidon;
using GovChain.Zkp.Witness;

namespace GovChain.Cli.Demo;

/// <summary>
/// A zero-knowledge predicate: the tax agency signs a Poseidon commitment to the subject's attributes; the subject proves
/// "credit score ≥ 600" against it with Groth16 (circom circuit, snarkjs keys) and the bureau checks proof and signature.
/// </summary>
internal static class ProofStage
{
    private const string Circuit = "score_at_least";

    public static void Run(DemoReport report, Random synthetic)
    {
        const string Stage = "ZK predicate (Groth16)";
        var dir = Path.Combine(Checkout.Circuits, Circuit);
        var key = ProvingKey.FromZkey(File.ReadAllBytes(Path.Combine(dir, Circuit + ".zkey")));
        var vkJson = File.ReadAllText(Path.Combine(dir, "vk.json"));
        using var witnesses = CircomWitnessCalculator.FromWasm(File.ReadAllBytes(Path.Combine(dir, Circuit + ".wasm")));

        // attributes: credit score, annual income (k CNY), years of history, open loans.
        ulong[] attributes = [(ulong)synthetic.Next(620, 800), (ulong)synthetic.Next(50, 500), (ulong)synthetic.Next(1, 30), (ulong)synthetic.Next(0, 5)];
        var salt = Fr.FromUInt64((ulong)synthetic.NextInt64());
        var commitment = PoseidonHash.Hash([.. attributes.Select(Fr.FromUInt64), salt]);
        var issuer = Sm2PrivateKey.Generate();
        var commitmentText = System.Text.Encoding.ASCII.GetBytes(commitment.ToString());
        var issuerSignature = issuer.SignData(commitmentText);
        report.Add(Stage, "issuer: Poseidon commitment, SM2-signed", true, $"commitment {commitment.ToString()[..16]}…");

        var (proof, publics) = Groth16Prover.Prove(key, witnesses.Compute(Input(attributes, salt, commitment, 600)));
        var valid = Groth16Verifier.VerifyJson(vkJson, proof.ToJson(), PublicSignals.ToJson(publics))
            && issuer.PublicKey.VerifyData(System.Text.Encoding.ASCII.GetBytes(publics[0].ToString()), issuerSignature);
        report.Add(Stage, "subject proves score ≥ 600; bureau verifies", valid, $"the bureau sees only the commitment and 600; the score ({attributes[0]}) stays with the subject");

        var forged = Groth16Verifier.VerifyJson(vkJson, proof.ToJson(), PublicSignals.ToJson([publics[0], Fr.FromUInt64(500)]));
        report.Add(Stage, "same proof against threshold 500", !forged, "rejected: public inputs are bound to the proof");

        string? refusal = null;
        try
        {
            witnesses.Compute(Input(attributes, salt, commitment, 900));
        }
        catch (ZkWitnessException e)
        {
            refusal = e.Message;
        }

        report.Add(Stage, "subject tries score ≥ 900", refusal is not null, refusal is null ? "a witness was produced" : "no proof exists: " + Short(refusal));
    }

    private static string Input(ulong[] attributes, Fr salt, Fr commitment, ulong threshold) => new JsonObject
    {
        ["attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)a.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        ["salt"] = salt.ToString(),
        ["commitment"] = commitment.ToString(),
        ["threshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.ToJsonString();

    private static string Short(string message) => message.Length <= 60 ? message : message[..60] + "…";
}
