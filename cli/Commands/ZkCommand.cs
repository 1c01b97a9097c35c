using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using GovChain.Bench;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Witness;

namespace GovChain.Cli.Commands;

/// <summary>`govchain zk verify|prove`: Groth16 over BN254, reading and writing snarkjs's files.</summary>
internal static class ZkCommand
{
    public static Command Create()
    {
        var command = new Command("zk", "Groth16 zero-knowledge proofs (BN254, snarkjs/circom compatible)");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Prove());
        command.Subcommands.Add(CreateBench("bench"));
        return command;
    }

    /// <summary>`bench zk`: ours against snarkjs, both timed in-process in the same run (register under `bench`).</summary>
    public static Command CreateBench(string name = "zk")
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds per figure and side", DefaultValueFactory = _ => 2 };
        var command = new Command(name, "Groth16 verify of each predicate circuit and prove of the largest, against snarkjs") { seconds };
        command.SetAction(parse =>
        {
            var s = parse.GetValue(seconds);
            if (s is < 1 or > 60)
            {
                throw new CliInputException("--seconds must be between 1 and 60");
            }

            foreach (var line in RunBench(TimeSpan.FromSeconds(s)))
            {
                Console.Out.WriteLine(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify()
    {
        var vk = new Option<FileInfo>("--vk") { Description = "snarkjs verification_key.json", Required = true };
        var proof = new Option<FileInfo>("--proof") { Description = "snarkjs proof.json", Required = true };
        var publicSignals = new Option<FileInfo>("--public") { Description = "snarkjs public.json", Required = true };
        var command = new Command("verify", "Verify a Groth16 proof; prints valid or invalid") { vk, proof, publicSignals };
        command.SetAction(parse =>
        {
            var valid = Groth16Verifier.VerifyJson(
                ReadText(parse.GetRequiredValue(vk)),
                ReadText(parse.GetRequiredValue(proof)),
                ReadText(parse.GetRequiredValue(publicSignals)));
            return ExitCodes.Verdict(valid);
        });
        return command;
    }

    private static Command Prove()
    {
        var zkey = new Option<FileInfo>("--zkey") { Description = "snarkjs proving key (.zkey)", Required = true };
        var wasm = new Option<FileInfo>("--wasm") { Description = "circom witness generator (.wasm); needs --input" };
        var input = new Option<FileInfo>("--input") { Description = "circuit input JSON; needs --wasm" };
        var wtns = new Option<FileInfo>("--wtns") { Description = "a ready witness (.wtns) instead of --wasm/--input" };
        var proofOut = new Option<FileInfo>("--proof") { Description = "where to write proof.json", Required = true };
        var publicOut = new Option<FileInfo>("--public") { Description = "where to write public.json", Required = true };
        var command = new Command("prove", "Make a Groth16 proof that `snarkjs groth16 verify` accepts")
        {
            zkey, wasm, input, wtns, proofOut, publicOut,
        };
        command.SetAction(parse =>
        {
            var key = ProvingKey.FromZkey(CliFiles.ReadBytes(parse.GetRequiredValue(zkey)));
            var witness = ReadWitness(parse.GetValue(wasm), parse.GetValue(input), parse.GetValue(wtns));
            var (proof, publics) = Groth16Prover.Prove(key, witness);
            CliFiles.WriteAtomically(parse.GetRequiredValue(proofOut).FullName, Encoding.UTF8.GetBytes(proof.ToJson() + "\n"));
            CliFiles.WriteAtomically(parse.GetRequiredValue(publicOut).FullName, Encoding.UTF8.GetBytes(PublicSignals.ToJson(publics) + "\n"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Zkp.Bn254.Fields.Fr[] ReadWitness(FileInfo? wasm, FileInfo? input, FileInfo? wtns)
    {
        if (wtns is not null)
        {
            return wasm is null && input is null
                ? WitnessFile.Read(CliFiles.ReadBytes(wtns))
                : throw new CliInputException("give either --wtns or --wasm with --input, not both");
        }

        if (wasm is null || input is null)
        {
            throw new CliInputException("--wasm and --input are required (or --wtns)");
        }

        using var calculator = CircomWitnessCalculator.FromWasm(CliFiles.ReadBytes(wasm));
        try
        {
            return calculator.Compute(ReadText(input));
        }
        catch (ZkWitnessException e)
        {
            throw new CliInputException("cannot prove: " + e.Message);
        }
    }

    private static string ReadText(FileInfo file) => Encoding.UTF8.GetString(CliFiles.ReadBytes(file));

    private static readonly string[] Predicates = ["score_at_least", "age_at_least", "value_at_most", "flag_is_zero"];

    /// <summary>The largest predicate circuit, whose prove the issue benchmarks.</summary>
    private const string Largest = "score_at_least";

    private static IEnumerable<BenchLine> RunBench(TimeSpan duration)
    {
        var circuits = FindCircuits();
        var peers = Path.Combine(Path.GetDirectoryName(circuits)!, "peers");
        var inputs = JsonNode.Parse(RunNode(peers, ["scripts/zk/inputs.js", "4", "1", string.Join(',', Predicates)], null))!.AsArray();
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
            ours.Add(("zk-prove-synthetic_2_16", SlowRate(() => Groth16Prover.Prove(key, calculator.Compute(Input)), duration)));
            ((JsonArray)job["prove"]!).Add(new JsonObject { ["name"] = "zk-prove-synthetic_2_16", ["wasm"] = wasm, ["zkey"] = zkey, ["input"] = JsonNode.Parse(Input) });
        }
        else
        {
            Console.Error.WriteLine("zk-prove-synthetic_2_16 skipped: run vectors/circuits/build_synthetic.sh first");
        }

        var snarkjs = JsonNode.Parse(RunNode(peers, ["scripts/zk/bench.js"], job.ToJsonString()))!.AsObject();
        return ours.Select(o => new BenchLine(o.Name, o.Rate, snarkjs[o.Name]!.GetValue<double>(), "snarkjs", "ops/s"));
    }

    /// <summary>Operations per second for calls that take seconds: one warm-up call, then whole calls until the time is up.</summary>
    private static double SlowRate(Action operation, TimeSpan duration)
    {
        operation();
        var count = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            operation();
            count++;
        }
        while (sw.Elapsed < duration);
        return count / sw.Elapsed.TotalSeconds;
    }

    /// <summary>vectors/circuits, looked for above the working directory and above the executable.</summary>
    private static string FindCircuits()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "vectors", "circuits");
                if (File.Exists(Path.Combine(candidate, Largest, "vk.json")))
                {
                    return candidate;
                }
            }
        }

        throw new CliInputException("vectors/circuits not found: run from inside the GovChain checkout");
    }

    private static string RunNode(string peers, string[] args, string? stdin)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = peers, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var node = Process.Start(psi) ?? throw new CliInputException("cannot start node (is Node.js installed?)");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(stdin ?? string.Empty);
        node.StandardInput.Close();
        node.WaitForExit();
        return node.ExitCode == 0
            ? stdout.Result
            : throw new CliInputException($"node {args[0]} failed (run `npm ci` in vectors/peers?): {stderr.Result}");
    }
}
