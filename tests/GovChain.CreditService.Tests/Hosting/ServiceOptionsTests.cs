using GovChain.CreditService.Hosting;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Hosting;

public sealed class ServiceOptionsTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_written_config_loads_back_with_paths_resolved_against_its_directory()
    {
        var options = new ServiceOptions
        {
            NetworkDirectory = "../net",
            AgencyId = "agency-1",
            AgencyKeyFile = "agency.key.pem",
            DataDirectory = "data",
            ValidatorIndex = 1,
            GrpcPort = 7300,
            RestPort = 7301,
        };
        File.WriteAllText(dir.File("service.json"), options.ToJson());
        var loaded = ServiceOptions.Load(dir.File("service.json"));
        Assert.Equal(Path.GetFullPath(Path.Combine(dir.Path, "../net")), loaded.NetworkDirectory);
        Assert.Equal(dir.File("data"), loaded.DataDirectory);
        Assert.Equal(dir.File("data/store.key"), loaded.StoreKeyPath);
        Assert.Equal((1, "agency-1", 7300, 7301, 8), (loaded.ValidatorIndex, loaded.AgencyId, loaded.GrpcPort, loaded.RestPort, loaded.Recorders));
    }

    [Theory]
    [InlineData("{", "config")]
    [InlineData("{\"network\":\"n\",\"agency_id\":\"a\",\"agency_key\":\"k\",\"data\":\"d\",\"grpc_port\":7000,\"rest_port\":7000}", "grpc_port and rest_port must differ")]
    [InlineData("{\"network\":\"n\",\"agency_id\":\"a\",\"agency_key\":\"k\",\"data\":\"d\",\"recorders\":0}", "recorders must lie in 1..64")]
    [InlineData("{\"agency_id\":\"a\"}", "config")]
    public void A_bad_config_is_refused_with_a_one_line_reason(string json, string reason)
    {
        File.WriteAllText(dir.File("bad.json"), json);
        var error = Assert.Throws<ServiceConfigException>(() => ServiceOptions.Load(dir.File("bad.json")));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
