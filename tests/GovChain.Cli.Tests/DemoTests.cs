using System.Text.Json;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.Cli.Tests;

/// <summary>
/// The main job as a user runs it: `govchain demo --seed 1` starts its own network of real processes, runs every flow,
/// and exits 0 only when every step passed — including the refusals, each for its own reason. Its report must show it,
/// and every trail it exported must verify with `govchain audit verify` and fail once a byte is altered.
/// </summary>
public sealed class DemoTests
{
    [Fact]
    public void DemoPassesEveryStepAndItsTrailsVerifyOffline()
    {
        using var dir = new TempDirectory();
        var network = Path.Combine(dir.Path, "network");
        var result = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "govchain.dll"), "demo", "--seed", "1", "--dir", network, "--out", dir.Path],
            timeout: TimeSpan.FromMinutes(6));
        Assert.True(result.ExitCode == 0, result.StdOut[^Math.Min(4000, result.StdOut.Length)..] + result.StdErr);
        Assert.Contains("all steps passed", result.StdOut, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "demo-report.json")));
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.True(report.RootElement.GetProperty("passed").GetBoolean());
        Assert.All(steps, s => Assert.True(s.GetProperty("passed").GetBoolean(), s.GetProperty("step").GetString()));
        string Detail(string step) => steps.Single(s => s.GetProperty("step").GetString()!.Contains(step, StringComparison.Ordinal)).GetProperty("detail").GetString()!;
        Assert.Contains("denied: no such consent", Detail("no consent:"), StringComparison.Ordinal);
        Assert.Contains("outside the consent's scope", Detail("consent too narrow"), StringComparison.Ordinal);
        Assert.Contains("denied: consent revoked at", Detail("query after revocation"), StringComparison.Ordinal);
        Assert.Contains("all ", Detail("is in its subject's trail"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "demo-report.html")));

        var trails = Directory.GetFiles(Path.Combine(network, "trails"), "*.gca");
        Assert.Equal(31, trails.Length);
        var trust = Path.Combine(network, "trust.txt");
        var bureauTrail = trails.Single(t => Path.GetFileName(t).StartsWith("bureau-", StringComparison.Ordinal));
        Assert.Equal(0, Govchain.Run("audit", "verify", "--in", bureauTrail, "--trust", trust).ExitCode);
        var altered = File.ReadAllBytes(bureauTrail);
        altered[altered.Length / 3] ^= 0x20;
        var alteredFile = Path.Combine(dir.Path, "altered.gca");
        File.WriteAllBytes(alteredFile, altered);
        Assert.NotEqual(0, Govchain.Run("audit", "verify", "--in", alteredFile, "--trust", trust).ExitCode);
    }
}
