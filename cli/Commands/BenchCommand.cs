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
