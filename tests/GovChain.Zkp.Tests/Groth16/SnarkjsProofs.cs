using System.Text.Json.Nodes;
using GovChain.TestSupport;

namespace GovChain.Zkp.Tests.Groth16;

/// <summary>One proof made by snarkjs: the circuit it belongs to and the proof.json / public.json texts.</summary>
internal sealed record SnarkjsProof(string Circuit, JsonObject Input, string ProofJson, string PublicJson)
{
    public string VerifyingKeyJson => File.ReadAllText(CircuitFiles.VerifyingKey(Circuit));
}

internal static class CircuitFiles
{
    public static readonly string[] Predicates = ["score_at_least", "age_at_least", "value_at_most", "flag_is_zero"];

    public static string Directory(string circuit) => RepoPaths.Under("vectors", "circuits", circuit);

    public static string VerifyingKey(string circuit) => Path.Combine(Directory(circuit), "vk.json");

    public static string Zkey(string circuit) => Path.Combine(Directory(circuit), circuit + ".zkey");

    public static string Wasm(string circuit) => Path.Combine(Directory(circuit), circuit + ".wasm");
}

/// <summary>Fresh snarkjs proofs for random witnesses across all predicate circuits, made once per test class.</summary>
public sealed class SnarkjsProofsFixture
{
    public const int Count = 52;

    public SnarkjsProofsFixture()
    {
        var output = Peers.RunScript("scripts/zk/prove_random.js", [Count.ToString(), "20261125"], timeout: TimeSpan.FromMinutes(3));
        Proofs = [.. JsonNode.Parse(output)!.AsArray().Select(n => new SnarkjsProof(
            n!["circuit"]!.GetValue<string>(),
            n["input"]!.AsObject(),
            n["proof"]!.ToJsonString(),
            n["publicSignals"]!.ToJsonString()))];
    }

    internal IReadOnlyList<SnarkjsProof> Proofs { get; }
}
