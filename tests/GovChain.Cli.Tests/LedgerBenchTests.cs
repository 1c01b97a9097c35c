using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using GovChain.Cli.Commands;
using GovChain.TestSupport;
using Xunit.Abstractions;

namespace GovChain.Cli.Tests;

/// <summary>
/// `bench ledger` against real validator processes (the built `govchain` started as `node run` children). Only the
/// output contract is checked, never a speed.
/// </summary>
public sealed partial class LedgerBenchTests(ITestOutputHelper log)
{
    private static readonly string[] Govchain = [Path.Combine(AppContext.BaseDirectory, "govchain.dll")];

    [Fact]
    public Task A_short_run_commits_records_and_ends_with_the_summary_line() => Bench(seconds: 3, warmup: 0, rate: 200, LedgerBenchLoadShape.Individual);

    [Fact]
    public Task A_warm_up_is_reported_apart_and_the_measured_window_still_commits() => Bench(seconds: 2, warmup: 2, rate: 200, LedgerBenchLoadShape.Individual);

    [Fact]
    public Task A_short_batch_signed_run_with_auditors_during_it_commits_records_and_ends_with_the_summary_line() => Bench(seconds: 3, warmup: 2, rate: 2000, new LedgerBenchLoadShape(true, 100, 4, TrailsDuringLoad: true));

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Bench)]
    public Task Twenty_seconds_at_the_default_rate() => Bench(seconds: 20, warmup: LedgerBenchCommand.DefaultWarmupSeconds, rate: 0, LedgerBenchLoadShape.Individual);

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Bench)]
    public Task Twenty_seconds_of_batches_at_the_default_rate() => Bench(seconds: 20, warmup: LedgerBenchCommand.DefaultWarmupSeconds, rate: 0, new LedgerBenchLoadShape(true, 1000, 32));

    [Theory]
    [InlineData("--batch-size", "0", "--batch-size must be between 1 and 1000")]
    [InlineData("--batch-size", "1001", "--batch-size must be between 1 and 1000")]
    [InlineData("--services", "0", "--services must be between 1 and 1024")]
    [InlineData("--warmup", "601", "--warmup must be between 0 and 600")]
    [InlineData("--warmup", "-1", "--warmup must be between 0 and 600")]
    public void An_option_out_of_range_is_refused_with_exit_2(string option, string value, string reason)
    {
        var root = new RootCommand { new Command("bench") { LedgerBenchCommand.Create() } };
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = CliRunner.Run(root, ["bench", "ledger", "--seconds", "1", "--signing", "batch", option, value]);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(2, code);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    private async Task Bench(int seconds, int warmup, int rate, LedgerBenchLoadShape shape)
    {
        var output = new StringWriter();
        var before = Directory.GetDirectories(Path.GetTempPath(), "govchain-bench-*").ToHashSet();
        var code = await LedgerBenchCommand.RunAsync(4, seconds, warmup, rate, shape, ("dotnet", Govchain), output, CancellationToken.None);
        log.WriteLine(output.ToString());

        Assert.Equal(0, code);
        var last = output.ToString().TrimEnd().Split('\n')[^1].Trim();
        var match = SummaryLine().Match(last);
        Assert.True(match.Success, $"last line: {last}");
        Assert.True(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 0, last);
        var warmupLines = output.ToString().Split('\n').Count(l => l.StartsWith("warmup_records_per_s=", StringComparison.Ordinal));
        Assert.Equal(warmup > 0 ? 1 : 0, warmupLines);
        var duringLoad = output.ToString().Split('\n').Select(l => DuringLoadLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(shape.TrailsDuringLoad ? 1 : 0, duringLoad.Count);
        Assert.All(duringLoad, m => Assert.True(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 0, m.Value));
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "govchain-bench-*"), d => !before.Contains(d));
    }

    [GeneratedRegex(@"^records_per_s=(\d+(?:\.\d+)?) p50_ms=\d+(?:\.\d+)? p99_ms=\d+(?:\.\d+)?$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^trail_during_load_qps=(\d+) trail_during_load_p50_ms=\d+\.\d+ trail_during_load_p99_ms=\d+\.\d+ ")]
    private static partial Regex DuringLoadLine();
}
