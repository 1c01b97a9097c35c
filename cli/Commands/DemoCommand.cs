using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GovChain.Cli.Demo;
using GovChain.CreditService.Data;
using Spectre.Console;

namespace GovChain.Cli.Commands;

/// <summary>
/// The main job: on embedded defaults, start a local network (4 validators, service nodes for 3 agencies), create a
/// bureau, an auditor, 20 citizens and 10 enterprises, import the agencies' data from XLSX, and run every flow over
/// the network — credentials, e-licences, consent, encrypted scoring, zero-knowledge predicates, refusals, revocation
/// and the auditor's offline check — then write demo-report.json and demo-report.html.
/// </summary>
internal static class DemoCommand
{
    private const int Citizens = 20;
    private const int Enterprises = 10;

    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed for the synthetic people, data, keys and choices; the same seed replays the same scenario", DefaultValueFactory = _ => 1 };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Empty directory for the network, the agencies' files and the trails (default: a new temporary directory)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where demo-report.json and demo-report.html go (default: the current directory)" };
        var command = new Command("demo", "Run the whole GovChain scenario on a local network of real processes") { seed, dir, output };
        command.SetAction(async (parse, cancel) =>
        {
            var seedValue = parse.GetValue(seed);
            var root = parse.GetValue(dir)?.FullName ?? Path.Combine(Path.GetTempPath(), $"govchain-demo-{seedValue}-{DateTime.UtcNow:yyyyMMddHHmmss}");
            if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            {
                throw new CliInputException($"{root} is not empty; choose an empty or new --dir");
            }

            Directory.CreateDirectory(root);
            var reportDirectory = parse.GetValue(output)?.FullName ?? Directory.GetCurrentDirectory();
            Directory.CreateDirectory(reportDirectory);
            var report = new DemoReport();
            var clock = Stopwatch.StartNew();
            AnsiConsole.Write(new Rule($"[bold]GovChain demo[/] seed {seedValue}"));
            try
            {
                await AnsiConsole.Status().StartAsync("starting 4 validators…", async status => await RunAsync(report, seedValue, root, status).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or TimeoutException or InvalidOperationException or HttpRequestException or IOException)
            {
                report.Add("demo", "scenario", false, $"stopped: {e.Message}");
            }

            report.Figure("wall time (s)", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            report.Figure("network directory", root);
            report.Render();
            report.Write(reportDirectory, seedValue);
            AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(Path.Combine(reportDirectory, "demo-report.html"))}[/] and demo-report.json; trails and agency files under {Markup.Escape(root)}");
            return report.AllPassed ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static async Task RunAsync(DemoReport report, int seed, string root, StatusContext status)
    {
        using var network = DemoNetwork.Create(root);
        var population = SyntheticPopulation.Generate(seed, Citizens, Enterprises);
        using var demo = new DemoContext(network, population, report, seed, root);
        await network.WaitForValidatorsAsync(DemoNetwork.StartupBudget).ConfigureAwait(false);
        report.Add("local network", "4 validators (chained HotStuff, SM2 votes, mTLS gRPC)", true, $"committing; trust anchor {Path.GetFileName(network.TrustFile)}");

        status.Status("agencies import their data…");
        DataStage.Run(demo);
        status.Status("starting service nodes for 3 agencies…");
        await network.StartServicesAsync(DemoNetwork.StartupBudget).ConfigureAwait(false);
        report.Add("local network", "service nodes: " + string.Join(", ", network.Agencies.Select(a => $"{a.Id} ({a.Role.Name})")), true,
            string.Join(" ", network.Agencies.Select(a => a.Grpc.Authority)));

        status.Status("registering participants, issuing credentials and licences…");
        var holdings = await EnrolmentStage.RunAsync(demo).ConfigureAwait(false);
        status.Status("consents and encrypted scoring…");
        await ConsentQueryStage.RunAsync(demo).ConfigureAwait(false);
        status.Status("zero-knowledge predicates…");
        await PredicateStage.RunAsync(demo, holdings).ConfigureAwait(false);
        status.Status("e-licences…");
        await LicenceStage.RunAsync(demo, holdings).ConfigureAwait(false);
        status.Status("the auditor checks every trail…");
        await AuditStage.RunAsync(demo).ConfigureAwait(false);
    }
}
