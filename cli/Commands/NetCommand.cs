using System.CommandLine;
using GovChain.Ledger.Hosting;

namespace GovChain.Cli.Commands;

/// <summary>`govchain net up`: a local network of validator processes on 127.0.0.1, up until Ctrl-C.</summary>
internal static class NetCommand
{
    public static Command Create()
    {
        var command = new Command("net", "Local validator networks");
        command.Subcommands.Add(Up());
        return command;
    }

    private static Command Up()
    {
        var validators = new Option<int>("--validators") { Description = "Number of validators", DefaultValueFactory = _ => 4 };
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Network directory; initialised when empty, reused otherwise", Required = true };
        var basePort = new Option<int>("--base-port") { Description = "First port, when initialising", DefaultValueFactory = _ => 7100 };
        var command = new Command("up", "Start N `node run` processes on 127.0.0.1, print their endpoints, stop them all on Ctrl-C") { validators, dir, basePort };
        command.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetRequiredValue(dir).FullName;
            var n = parse.GetValue(validators);
            if (!File.Exists(NetworkLayout.ConfigPath(root, 0)))
            {
                NodeCommand.Initialise(root, n, parse.GetValue(basePort), "govchain-local");
            }

            var configs = Enumerable.Range(0, n).Select(i => NetworkLayout.ConfigPath(root, i)).ToArray();
            if (configs.FirstOrDefault(c => !File.Exists(c)) is { } missing)
            {
                throw new CliInputException($"{root} has no config for every validator ({missing} is missing)");
            }

            using var stop = ProcessLifetime.StopSignals(watchStdin: false);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancel);
            var (fileName, prefix) = ProcessLifetime.Self();
            using var children = new ChildProcesses(fileName, prefix);
            for (var i = 0; i < n; i++)
            {
                children.Start(i, ["node", "run", "--config", configs[i], "--watch-stdin"], Path.Combine(NetworkLayout.ValidatorDirectory(root, i), "node.log"));
                Console.Out.WriteLine($"validator {i} https://{NodeConfig.Load(configs[i]).Endpoint(i)} log {Path.Combine(NetworkLayout.ValidatorDirectory(root, i), "node.log")}");
            }

            Console.Out.WriteLine($"client certificate {Path.Combine(root, "client.crt.pem")} ca {Path.Combine(root, "ca.crt.pem")} trust {Path.Combine(root, "trust.txt")}");
            Console.Out.WriteLine("up; Ctrl-C stops every validator");
            try
            {
                while (!linked.IsCancellationRequested)
                {
                    await Task.Delay(500, linked.Token).ConfigureAwait(false);
                    for (var i = 0; i < n; i++)
                    {
                        if (!children.IsRunning(i))
                        {
                            Console.Error.WriteLine($"validator {i} exited; restarting");
                            children.Start(i, ["node", "run", "--config", configs[i], "--watch-stdin"], Path.Combine(NetworkLayout.ValidatorDirectory(root, i), "node.log"));
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
