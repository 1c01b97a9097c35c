using System.Text.Json.Nodes;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Witness;

namespace GovChain.Bench;

/// <summary>`govchain bench zk`: our Groth16 verify and prove against snarkjs 0.7.6, measured in the same run (snarkjs in-process in node).</summary>
public static class ZkComparison
{
    private static readonly string[] Predicates = ["score_at_least", "age_at_least", "value_at_most", "flag_is_zero"];

    /// <summary>The largest predicate circuit, whose prove the issue benchmarks.</summary>
    private const string Largest = "score_at_least";

    /// <summary>Verify of each predicate circuit, prove of the largest and, when built, of the 2^16-constraint circuit.</summary>
    public static IEnumerable<BenchLine> Run(TimeSpan duration)
    {
        var circuits = Checkout.Circuits;
        var inputs = JsonNode.Parse(Checkout.RunPeerScript("scripts/zk/inputs.js", ["4", "1", string.Join(',', Predicates)]))!.AsArray();
        var job = new JsonObject { ["seconds"] = duration.TotalSeconds, ["verify"] = new JsonArray(), ["prove"] = new JsonArray() };
        var ours = new List<(string Name, double Rate)>();
        foreach (var item in inputs)
        {
            var circuit = item!["circuit"]!.GetValue<string>();
            var dir = Path.Combine(circuits, circuit);
            var (wasm, zkey, vk) = (Path.Combine(dir, circuit + ".wasm"), Path.Combine(dir, circuit + ".zkey"), Path.Combine(dir, "vk.json"));
            var input = item["input"]!.ToJsonString();
            var key = ProvingKey.FromZkey(File.ReadAllBytes(zkey));
            using var calculator = CircomWitnessCalculator.FromWasm(File.ReadAllBytes(wasm));
            var (proof, publics) = Groth16Prover.Prove(key, calculator.Compute(input));
            var (vkJson, proofJson, publicJson) = (File.ReadAllText(vk), proof.ToJson(), PublicSignals.ToJson(publics));
            var verifyName = $"zk-verify-{circuit}";
            if (ours.Count == 0)
            {
                // The first figure would otherwise include tiered-JIT warm-up: the verify keeps getting faster for about its first
                // 2,000 calls (a 1 s warm-up left score_at_least ≈ 15 % below the lines after it), so it runs 5 s first.
                Throughput.OpsPerSecond(() => Groth16Verifier.VerifyJson(vkJson, proofJson, publicJson), TimeSpan.FromSeconds(5));
            }

            ours.Add((verifyName, Throughput.OpsPerSecond(() => Groth16Verifier.VerifyJson(vkJson, proofJson, publicJson), duration)));
            ((JsonArray)job["verify"]!).Add(new JsonObject
            {
                ["name"] = verifyName, ["vk"] = vk, ["proof"] = JsonNode.Parse(proofJson), ["publicSignals"] = JsonNode.Parse(publicJson),
            });
            if (circuit == Largest)
            {
                // The same check without the verifier's key cache: parse and subgroup-check the key, prepare its lines.
                var uncached = verifyName + "-uncached-key";
                ours.Add((uncached, Throughput.OpsPerSecond(
                    () => Groth16Verifier.Verify(VerifyingKey.FromJson(vkJson), Proof.FromJson(proofJson), PublicSignals.FromJson(publicJson)), duration)));
                ((JsonArray)job["verify"]!).Add(new JsonObject
                {
                    ["name"] = uncached, ["vk"] = vk, ["proof"] = JsonNode.Parse(proofJson), ["publicSignals"] = JsonNode.Parse(publicJson),
                });

                var proveName = $"zk-prove-{circuit}";
                ours.Add((proveName, Throughput.OpsPerSecond(() => Groth16Prover.Prove(key, calculator.Compute(input)), duration)));
                ((JsonArray)job["prove"]!).Add(new JsonObject { ["name"] = proveName, ["wasm"] = wasm, ["zkey"] = zkey, ["input"] = item["input"]!.DeepClone() });
            }
        }

        // The ~2^16-constraint circuit is benchmark-only and large, so it is built on demand by build_synthetic.sh.
        var synthetic = Path.Combine(circuits, ".build", "synthetic_2_16");
        if (File.Exists(Path.Combine(synthetic, "synthetic_2_16.zkey")))
        {
            var (wasm, zkey) = (Path.Combine(synthetic, "synthetic_2_16.wasm"), Path.Combine(synthetic, "synthetic_2_16.zkey"));
            var key = ProvingKey.FromZkey(File.ReadAllBytes(zkey));
            using var calculator = CircomWitnessCalculator.FromWasm(File.ReadAllBytes(wasm));
            const string Input = """{"start": "3"}""";
            ours.Add(("zk-prove-synthetic_2_16", Throughput.WholeCallsPerSecond(() => Groth16Prover.Prove(key, calculator.Compute(Input)), duration)));
            ((JsonArray)job["prove"]!).Add(new JsonObject { ["name"] = "zk-prove-synthetic_2_16", ["wasm"] = wasm, ["zkey"] = zkey, ["input"] = JsonNode.Parse(Input) });
        }
        else
        {
            Console.Error.WriteLine("zk-prove-synthetic_2_16 skipped: run vectors/circuits/build_synthetic.sh first");
        }

        var snarkjs = JsonNode.Parse(Checkout.RunPeerScript("scripts/zk/bench.js", [], job.ToJsonString()))!.AsObject();
        return ours.Select(o => new BenchLine(o.Name, o.Rate, snarkjs[o.Name]!.GetValue<double>(), "snarkjs", "ops/s"));
    }
}
