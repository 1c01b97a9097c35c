using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Hosting;

/// <summary>`govchain service init|run` as a user runs them: bad input exits 2 with one line on stderr, never a stack trace.</summary>
public sealed class ServiceCommandTests : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "govchain.dll");
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Init_without_a_network_is_bad_input()
    {
        var result = Govchain("service", "init", "--network", dir.File("no-net"), "--dir", dir.File("svc"));
        AssertBadInput(result, "has no validator 0 with an agency key");
        Assert.False(Directory.Exists(dir.File("svc")));
    }

    [Fact]
    public void Run_with_a_missing_or_broken_config_is_bad_input()
    {
        AssertBadInput(Govchain("service", "run", "--config", dir.File("missing.json")), "config not found");
        File.WriteAllText(dir.File("broken.json"), "{\"network\": 3");
        AssertBadInput(Govchain("service", "run", "--config", dir.File("broken.json")), "config ");
    }

    [Fact]
    public void Init_writes_a_config_and_a_private_agency_key_then_refuses_to_overwrite()
    {
        var net = dir.File("net");
        Assert.Equal(0, Govchain("node", "init", "--dir", net, "--validators", "4", "--base-port", "41000").ExitCode);
        var ok = Govchain("service", "init", "--network", net, "--agency-index", "2", "--dir", dir.File("svc"), "--port", "41100", "--recorders", "2");
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        var options = GovChain.CreditService.Hosting.ServiceOptions.Load(dir.File("svc/service.json"));
        Assert.Equal(("agency-2", 2, 41100, 41101, 2), (options.AgencyId, options.ValidatorIndex, options.GrpcPort, options.RestPort, options.Recorders));
        Assert.Equal(File.ReadAllText(Path.Combine(net, "validator-2", "agency.key.pem")), File.ReadAllText(options.AgencyKeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.AgencyKeyFile));
        }

        AssertBadInput(Govchain("service", "init", "--network", net, "--dir", dir.File("svc")), "already exists");
    }

    private static ProcessResult Govchain(params string[] args) => ProcessRunner.Run("dotnet", [Dll, .. args], timeout: TimeSpan.FromMinutes(1));

    private static void AssertBadInput(ProcessResult result, string reason)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
