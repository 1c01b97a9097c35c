using System.CommandLine;
using System.Text;
using GovChain.CreditService.Hosting;
using GovChain.CreditService.Ledger;
using GovChain.Ledger.Hosting;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain service init|run`: write a credit-service node's config next to a local ledger network, and run the
/// node (gRPC + REST on 127.0.0.1) until Ctrl-C or SIGTERM.
/// </summary>
internal static class ServiceCommand
{
    public const string ConfigFile = "service.json";

    public static Command Create()
    {
        var command = new Command("service", "Credit-sharing service node: gRPC and REST for participants, consents, queries, credentials, proofs, licences, audit");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Run());
        command.Subcommands.Add(ServiceImportCommand.Create());
        command.Subcommands.Add(ServiceSignCommand.Create());
        command.Subcommands.Add(ServiceImportCommand.CreateTemplate());
        return command;
    }

    private static Command Init()
    {
        var network = new Option<DirectoryInfo>("--network") { Description = "Network directory written by `node init` / `net up`", Required = true };
        var agencyIndex = new Option<int>("--agency-index") { Description = "Validator i whose genesis agency agency-i this node acts for", DefaultValueFactory = _ => 0 };
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Empty directory for the node's config, key and data", Required = true };
        var port = new Option<int>("--port") { Description = "gRPC (HTTP/2) port; REST listens on port + 1 unless --rest-port is given", DefaultValueFactory = _ => 7300 };
        var restPort = new Option<int?>("--rest-port") { Description = "REST (HTTP/1.1) port" };
        var recorders = new Option<int>("--recorders") { Description = "Recorder keys: how many ledger records the node can submit at once", DefaultValueFactory = _ => 8 };
        var command = new Command("init", $"Write {ConfigFile} and the agency key for a service node of agency-i") { network, agencyIndex, dir, port, restPort, recorders };
        command.SetAction(parse =>
        {
            var root = parse.GetRequiredValue(network).FullName;
            var index = parse.GetValue(agencyIndex);
            var agencyKey = Path.Combine(NetworkLayout.ValidatorDirectory(root, index), "agency.key.pem");
            if (!File.Exists(NetworkLayout.ConfigPath(root, index)) || !File.Exists(agencyKey))
            {
                throw new CliInputException($"{root} has no validator {index} with an agency key (run `govchain node init` first)");
            }

            var target = parse.GetRequiredValue(dir).FullName;
            var configPath = Path.Combine(target, ConfigFile);
            if (File.Exists(configPath))
            {
                throw new CliInputException($"{configPath} already exists; choose an empty directory");
            }

            var grpcPort = parse.GetValue(port);
            var options = new ServiceOptions
            {
                NetworkDirectory = root,
                ValidatorIndex = index,
                AgencyId = $"agency-{index}",
                AgencyKeyFile = "agency.key.pem",
                DataDirectory = "data",
                GrpcPort = grpcPort,
                RestPort = parse.GetValue(restPort) ?? grpcPort + 1,
                Recorders = parse.GetValue(recorders),
            };
            Validate(options);
            Directory.CreateDirectory(target);
            SecretFile.WriteAtomically(Path.Combine(target, "agency.key.pem"), File.ReadAllText(agencyKey));
            CliFiles.WriteAtomically(configPath, Encoding.UTF8.GetBytes(options.ToJson()));
            Console.Out.WriteLine(configPath);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run()
    {
        var config = new Option<FileInfo>("--config") { Description = $"The node's {ConfigFile}", Required = true };
        var watchStdin = new Option<bool>("--watch-stdin") { Description = "Also stop when standard input closes (for supervising processes)" };
        var command = new Command("run", "Run the node until Ctrl-C or SIGTERM; prints `listening grpc=URL rest=URL` once ready") { config, watchStdin };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetRequiredValue(config).FullName;
            if (!File.Exists(path))
            {
                throw new CliInputException($"config not found: {path}");
            }

            using var stop = ProcessLifetime.StopSignals(parse.GetValue(watchStdin));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancel);
            var options = Load(path);
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = await CreditServiceHost.BuildAsync(options, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ServiceConfigException or LedgerUnavailableException or InvalidOperationException)
            {
                throw new CliInputException(e.Message);
            }

            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(linked.Token).ConfigureAwait(false);
                var (grpc, rest) = CreditServiceHost.Endpoints(app);
                Console.Out.WriteLine($"listening grpc={grpc.ToString().TrimEnd('/')} rest={rest.ToString().TrimEnd('/')} agency={options.AgencyId} data={options.DataDirectory}");
                try
                {
                    await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StopAsync(grace.Token).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static ServiceOptions Load(string path)
    {
        try
        {
            return ServiceOptions.Load(path);
        }
        catch (ServiceConfigException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    private static void Validate(ServiceOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ServiceConfigException e)
        {
            throw new CliInputException(e.Message);
        }
    }
}
