using GovChain.Cli.Commands;
using GovChain.CreditService.Hosting;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Transparency;

namespace GovChain.Cli.Demo;

/// <summary>
/// The demo's local network, as real processes on 127.0.0.1: four validators (`node run`) and one credit-service node
/// (`service run`) for each of three agencies. Every child watches its stdin, so none outlives the demo.
/// </summary>
internal sealed class DemoNetwork : IDisposable
{
    public const int Validators = 4;

    /// <summary>How long processes may take to come up: generous, since a loaded 2-core machine starts seven of them; a child that exits fails at once.</summary>
    public static readonly TimeSpan StartupBudget = TimeSpan.FromSeconds(150);

    private readonly ChildProcesses children;
    private readonly string[] serviceConfigs;

    private DemoNetwork(string root, ChildProcesses children, string[] serviceConfigs, DemoAgency[] agencies)
    {
        Root = root;
        this.children = children;
        this.serviceConfigs = serviceConfigs;
        Agencies = agencies;
        Trust = AuditTrustAnchor.Parse(File.ReadAllBytes(Path.Combine(root, "trust.txt")));
    }

    public string Root { get; }

    public AuditTrustAnchor Trust { get; }

    public IReadOnlyList<DemoAgency> Agencies { get; }

    public string TrustFile => Path.Combine(Root, "trust.txt");

    /// <summary>Writes the network and service configs under <paramref name="root"/> (empty) and starts the validators.</summary>
    /// <param name="plaintextBaseline">Let the service nodes serve the plaintext scoring baseline (`bench service` only).</param>
    public static DemoNetwork Create(string root, bool plaintextBaseline = false)
    {
        var basePort = LoopbackPorts.FindFreeRun(Validators + (2 * DemoAgency.Roles.Count));
        NodeCommand.Initialise(root, Validators, basePort, "govchain-demo");
        var (fileName, prefix) = ProcessLifetime.Self();
        var children = new ChildProcesses(fileName, prefix);
        var configs = new string[DemoAgency.Roles.Count];
        var agencies = new DemoAgency[DemoAgency.Roles.Count];
        for (var i = 0; i < DemoAgency.Roles.Count; i++)
        {
            var grpcPort = basePort + Validators + (2 * i);
            var dir = Path.Combine(root, $"service-{i}");
            Directory.CreateDirectory(dir);
            var options = new ServiceOptions
            {
                NetworkDirectory = root,
                ValidatorIndex = i,
                AgencyId = $"agency-{i}",
                AgencyKeyFile = Path.Combine(NetworkLayout.ValidatorDirectory(root, i), "agency.key.pem"),
                DataDirectory = "data",
                GrpcPort = grpcPort,
                RestPort = grpcPort + 1,
                PlaintextBaseline = plaintextBaseline,
            };
            configs[i] = Path.Combine(dir, ServiceCommand.ConfigFile);
            File.WriteAllText(configs[i], options.ToJson());
            agencies[i] = new DemoAgency(i, DemoAgency.Roles[i], ServiceOptions.Load(configs[i]),
                new Uri($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{grpcPort + 1}"));
        }

        var network = new DemoNetwork(root, children, configs, agencies);
        for (var i = 0; i < Validators; i++)
        {
            children.Start(i, ["node", "run", "--config", NetworkLayout.ConfigPath(root, i), "--watch-stdin"], Path.Combine(NetworkLayout.ValidatorDirectory(root, i), "node.log"));
        }

        return network;
    }

    /// <summary>Waits until every validator answers and has committed its first blocks.</summary>
    public async Task WaitForValidatorsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var clients = Enumerable.Range(0, Validators).Select(i => LedgerClient.ForNetwork(Root, i)).ToArray();
        try
        {
            while (true)
            {
                var heights = await Task.WhenAll(clients.Select(async c =>
                {
                    try
                    {
                        return (await c.StatusAsync().ConfigureAwait(false)).Height;
                    }
                    catch (Grpc.Core.RpcException)
                    {
                        return -1L;
                    }
                })).ConfigureAwait(false);
                if (heights.All(h => h >= 1))
                {
                    return;
                }

                var exited = Enumerable.Range(0, Validators).FirstOrDefault(i => !children.IsRunning(i), -1);
                if (exited >= 0)
                {
                    var log = Path.Combine(NetworkLayout.ValidatorDirectory(Root, exited), "node.log");
                    throw new InvalidOperationException($"validator {exited} exited: {LastLines(log)}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"validators did not start committing within {timeout.TotalSeconds} s (see {Root}/validator-*/node.log)");
                }

                await Task.Delay(250).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var c in clients)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>Starts every service node and waits until each answers its health check.</summary>
    public async Task StartServicesAsync(TimeSpan timeout)
    {
        for (var i = 0; i < serviceConfigs.Length; i++)
        {
            children.Start(Validators + i, ["service", "run", "--config", serviceConfigs[i], "--watch-stdin"], ServiceLog(i));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        foreach (var agency in Agencies)
        {
            while (true)
            {
                try
                {
                    using var reply = await http.GetAsync(new Uri(agency.Rest, "/healthz")).ConfigureAwait(false);
                    if (reply.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (!children.IsRunning(Validators + agency.Index))
                {
                    throw new InvalidOperationException($"service node {agency.Id} exited: {LastLines(ServiceLog(agency.Index))}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"service node {agency.Id} did not come up within {timeout.TotalSeconds} s (see {ServiceLog(agency.Index)})");
                }

                await Task.Delay(250).ConfigureAwait(false);
            }
        }
    }

    public string ServiceLog(int agency) => Path.Combine(Root, $"service-{agency}", "service.log");

    public void Dispose() => children.Dispose();

    private static string LastLines(string log) => File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(3)) : "no log";
}
