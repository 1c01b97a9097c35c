using System.CommandLine;
using GovChain.Ledger;
using GovChain.Ledger.Hosting;

namespace GovChain.Cli.Commands;

/// <summary>`govchain node init|run`: write a local network's keys, certificates and configs; run one validator.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node", "Ledger validator: initialise a local network, run one validator");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Init()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Empty directory for the network's files", Required = true };
        var validators = new Option<int>("--validators") { Description = "Number of validators (4 tolerates 1 fault, 7 tolerates 2)", DefaultValueFactory = _ => 4 };
        var basePort = new Option<int>("--base-port") { Description = "Validator i listens on 127.0.0.1:(base-port + i)", DefaultValueFactory = _ => 7100 };
        var chain = new Option<string>("--chain") { Description = "Chain name (part of the chain id)", DefaultValueFactory = _ => "govchain-local" };
        var command = new Command("init", "Write a CA, client certificate, trust file and per-validator keys, certificates and node.json") { dir, validators, basePort, chain };
        command.SetAction(parse =>
        {
            var configs = Initialise(parse.GetRequiredValue(dir).FullName, parse.GetValue(validators), parse.GetValue(basePort), parse.GetRequiredValue(chain));
            foreach (var config in configs)
            {
                Console.Out.WriteLine(config);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run()
    {
        var config = new Option<FileInfo>("--config") { Description = "The validator's node.json", Required = true };
        var watchStdin = new Option<bool>("--watch-stdin") { Description = "Stop when stdin closes (set by `net up`)", Hidden = true };
        var command = new Command("run", "Run one validator until Ctrl-C or SIGTERM") { config, watchStdin };
        command.SetAction(async (parse, cancel) =>
        {
            var file = parse.GetRequiredValue(config);
            if (!file.Exists)
            {
                throw new CliInputException($"config not found: {file.FullName}");
            }

            NodeConfig loaded;
            try
            {
                loaded = NodeConfig.Load(file.FullName);
            }
            catch (LedgerFormatException e)
            {
                throw new CliInputException(e.Message);
            }

            using var stop = ProcessLifetime.StopSignals(parse.GetValue(watchStdin));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancel);
            return await ValidatorHost.RunAsync(loaded, Console.Error, linked.Token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Shared with `net up`: validates the arguments and writes the network.</summary>
    public static IReadOnlyList<string> Initialise(string dir, int validators, int basePort, string chain)
    {
        if (validators is < 1 or > 64)
        {
            throw new CliInputException("--validators must be between 1 and 64");
        }

        if (basePort is < 1024 || basePort + validators > 65535)
        {
            throw new CliInputException("--base-port must leave room for every validator within 1024..65535");
        }

        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new CliInputException($"{dir} is not empty");
        }

        try
        {
            return NetworkLayout.Create(dir, validators, basePort, chain);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException(e.Message);
        }
    }
}
