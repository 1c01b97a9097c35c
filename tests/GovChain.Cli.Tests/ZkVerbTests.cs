using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.TestSupport;

namespace GovChain.Cli.Tests;

/// <summary>`govchain zk prove|verify` as a process, with snarkjs as the judge of the proofs it writes.</summary>
public sealed class ZkVerbTests : IDisposable
{
    private static readonly string[] Circuits = ["score_at_least", "age_at_least", "value_at_most", "flag_is_zero"];
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Proofs_from_the_cli_pass_snarkjs_and_the_cli_verifier()
    {
        var inputs = JsonNode.Parse(Peers.RunScript("scripts/zk/inputs.js", ["4", "7", string.Join(',', Circuits)]))!.AsArray();
        var checks = new JsonArray();
        foreach (var item in inputs)
        {
            var circuit = item!["circuit"]!.GetValue<string>();
            var (proof, publicSignals) = Prove(circuit, item["input"]!.ToJsonString());
            var verify = Govchain.Run("zk", "verify", "--vk", Vk(circuit), "--proof", proof, "--public", publicSignals);
            Assert.Equal((0, "valid"), (verify.ExitCode, verify.StdOut.Trim()));
            checks.Add(new JsonObject
            {
                ["vk"] = Vk(circuit),
                ["proof"] = JsonNode.Parse(File.ReadAllText(proof)),
                ["publicSignals"] = JsonNode.Parse(File.ReadAllText(publicSignals)),
            });
        }

        var verdicts = JsonDocument.Parse(Peers.RunScript("scripts/zk/verify.js", stdin: checks.ToJsonString())).RootElement;
        Assert.Equal(Circuits.Length, verdicts.GetArrayLength());
        Assert.All(verdicts.EnumerateArray(), v => Assert.True(v.GetBoolean(), "snarkjs rejected a proof written by govchain zk prove"));
    }

    [Fact]
    public void Changed_public_signal_is_invalid_and_malformed_files_exit_2()
    {
        var item = JsonNode.Parse(Peers.RunScript("scripts/zk/inputs.js", ["1", "8", "score_at_least"]))!.AsArray()[0]!;
        var (proof, publicSignals) = Prove("score_at_least", item["input"]!.ToJsonString());

        var signals = JsonNode.Parse(File.ReadAllText(publicSignals))!.AsArray();
        signals[^1] = "1";
        var changed = dir.File("changed.json");
        File.WriteAllText(changed, signals.ToJsonString());
        var invalid = Govchain.Run("zk", "verify", "--vk", Vk("score_at_least"), "--proof", proof, "--public", changed);
        Assert.Equal((1, "invalid"), (invalid.ExitCode, invalid.StdOut.Trim()));

        var truncated = dir.File("truncated.json");
        var text = File.ReadAllText(proof);
        File.WriteAllText(truncated, text[..(text.Length / 2)]);
        var malformed = Govchain.Run("zk", "verify", "--vk", Vk("score_at_least"), "--proof", truncated, "--public", publicSignals);
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("error:", malformed.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", malformed.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsatisfiable_input_gives_a_clear_error_and_no_proof()
    {
        var item = JsonNode.Parse(Peers.RunScript("scripts/zk/inputs.js", ["1", "9", "score_at_least"]))!.AsArray()[0]!.AsObject();
        var input = item["input"]!.AsObject();
        input["threshold"] = "18446744073709551615";
        File.WriteAllText(dir.File("input.json"), input.ToJsonString());
        var r = Govchain.Run("zk", "prove", "--zkey", Artifact("score_at_least", ".zkey"), "--wasm", Artifact("score_at_least", ".wasm"),
            "--input", dir.File("input.json"), "--proof", dir.File("proof.json"), "--public", dir.File("public.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot prove", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("proof.json")));
    }

    private (string Proof, string Public) Prove(string circuit, string inputJson)
    {
        var name = circuit + "-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(dir.File(name + "-input.json"), inputJson);
        var proof = dir.File(name + "-proof.json");
        var publicSignals = dir.File(name + "-public.json");
        var r = Govchain.Run("zk", "prove", "--zkey", Artifact(circuit, ".zkey"), "--wasm", Artifact(circuit, ".wasm"),
            "--input", dir.File(name + "-input.json"), "--proof", proof, "--public", publicSignals);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return (proof, publicSignals);
    }

    private static string Artifact(string circuit, string extension) => RepoPaths.Under("vectors", "circuits", circuit, circuit + extension);

    private static string Vk(string circuit) => RepoPaths.Under("vectors", "circuits", circuit, "vk.json");
}
