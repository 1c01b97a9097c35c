using System.CommandLine;
using BenchmarkDotNet.Running;
using GovChain.Bench;

namespace GovChain.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks against the named peers, measured in the same run");
        command.Subcommands.Add(Crypto());
        command.Subcommands.Add(He());
        command.Subcommands.Add(Zk());
        command.Subcommands.Add(LedgerBenchCommand.Create());
        command.Subcommands.Add(ServiceBenchCommand.Create());
        command.Subcommands.Add(Micro());
        return command;
    }

    private static Command Crypto()
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds per figure and side", DefaultValueFactory = _ => 2 };
        var command = new Command("crypto", "SM2 sign/verify, SM3 and SM4-CBC/CTR/GCM against `openssl speed`") { seconds };
        command.SetAction(parse =>
        {
            var s = parse.GetValue(seconds);
            if (s is < 1 or > 60)
            {
                throw new CliInputException("--seconds must be between 1 and 60");
            }

            if (!OpenSslSpeed.Available())
            {
                throw new CliInputException("openssl is not on PATH (apt-get install -y openssl)");
            }

            foreach (var line in CryptoComparison.Run(s))
            {
                Console.Out.WriteLine(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command He()
    {
        var degrees = new Option<int[]>("--n") { Description = "Polynomial modulus degree, 4096 or 8192 (repeatable; default both)", DefaultValueFactory = _ => [4096, 8192] };
        var iterations = new Option<int>("--iterations") { Description = "Operations per timed round on each side (best of five rounds)", DefaultValueFactory = _ => 10 };
        var command = new Command("he", "BFV encrypt, multiply_plain, add, rotate_rows, decrypt and a 50-feature dot against node-seal (SEAL 4.1)")
        {
            degrees, iterations,
        };
        command.SetAction(parse =>
        {
            var ns = parse.GetValue(degrees) ?? [];
            if (ns.Length == 0 || ns.Any(n => n is not (4096 or 8192)))
            {
                throw new CliInputException("--n must be 4096 or 8192");
            }

            var count = parse.GetValue(iterations);
            if (count is < 1 or > 1000)
            {
                throw new CliInputException("--iterations must be between 1 and 1000");
            }

            if (!Checkout.NodeAvailable())
            {
                throw new CliInputException("node is not on PATH (node-seal runs under Node.js 20; apt-get install -y nodejs)");
            }

            foreach (var n in ns.Distinct())
            {
                foreach (var line in HeComparison.Run(n, count))
                {
                    Console.Out.WriteLine(line);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Zk()
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds per figure and side", DefaultValueFactory = _ => 2 };
        var command = new Command("zk", "Groth16 verify of each predicate circuit and prove of the largest, against snarkjs") { seconds };
        command.SetAction(parse =>
        {
            var s = parse.GetValue(seconds);
            if (s is < 1 or > 60)
            {
                throw new CliInputException("--seconds must be between 1 and 60");
            }

            if (!Checkout.NodeAvailable())
            {
                throw new CliInputException("node is not on PATH; the snarkjs side of the comparison needs Node.js");
            }

            foreach (var line in ZkComparison.Run(TimeSpan.FromSeconds(s)))
            {
                Console.Out.WriteLine(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Micro()
    {
        var passThrough = new Argument<string[]>("ARGS") { Description = "BenchmarkDotNet arguments, e.g. --filter '*Sm2*'", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks of the engines") { passThrough };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var args = (parse.GetValue(passThrough) ?? []).Concat(parse.UnmatchedTokens).ToArray();
            BenchmarkSwitcher.FromAssembly(typeof(CryptoComparison).Assembly).Run(args);
            return ExitCodes.Success;
        });
        return command;
    }
}
