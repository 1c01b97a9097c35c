using GovChain.Crypto;
using GovChain.CreditService.Client;
using GovChain.CreditService.Protos;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Transparency;
using GovChain.TestSupport;
using Grpc.Core;
using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>
/// Real processes on loopback for end-to-end tests: 4 validators (`govchain node run`) and one credit-service node
/// (`govchain service run`) of agency-0, all started from the `govchain` executable this project builds. One network
/// per collection (<see cref="ServiceNetworkCollection"/>) or per class (IClassFixture, e.g. inside a richer fixture).
/// Every process is killed on dispose, and each child also stops when its stdin pipe closes.
/// </summary>
public sealed class ServiceNetwork : IAsyncLifetime
{
    public const string Collection = "credit-service end-to-end";
    public const int Validators = 4;
    private const int ServiceChild = 100;

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "govchain.dll");

    private readonly TempDirectory directory = new();
    private readonly ChildProcesses children = new("dotnet", [Dll]);
    private readonly LedgerClient?[] ledgers = new LedgerClient?[Validators];

    public string Root => directory.Path;

    public string NetworkDirectory => Path.Combine(Root, "net");

    public string ServiceDirectory => Path.Combine(Root, "service");

    public string ServiceDataDirectory => Path.Combine(ServiceDirectory, "data");

    public string ServiceLog => Path.Combine(Root, "service.log");

    public string TrustFile => Path.Combine(NetworkDirectory, "trust.txt");

    public string AgencyId => "agency-0";

    public Sm2PrivateKey AgencyKey { get; private set; } = null!;

    public Hash32 ChainId { get; private set; }

    public AuditTrustAnchor Trust { get; private set; } = null!;

    public Uri GrpcUri { get; private set; } = null!;

    public Uri RestUri { get; private set; } = null!;

    /// <summary>A direct mutual-TLS client of validator 1: the independent view tests check the service against.</summary>
    public LedgerClient Ledger => LedgerOf(1);

    private LedgerClient LedgerOf(int validator) => ledgers[validator] ??= LedgerClient.ForNetwork(NetworkDirectory, validator);

    public async Task InitializeAsync()
    {
        try
        {
            await StartNetworkAsync().ConfigureAwait(false);
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: never leave processes behind.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartNetworkAsync()
    {
        var basePort = LoopbackPorts.FindFreeRun(Validators);
        RunOrThrow("node", "init", "--dir", NetworkDirectory, "--validators", Validators.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chain", "service-e2e");
        for (var i = 0; i < Validators; i++)
        {
            children.Start(i, ["node", "run", "--config", NetworkLayout.ConfigPath(NetworkDirectory, i), "--watch-stdin"],
                Path.Combine(NetworkLayout.ValidatorDirectory(NetworkDirectory, i), "node.log"));
        }

        ChainId = NodeConfig.Load(NetworkLayout.ConfigPath(NetworkDirectory, 0)).Genesis().ChainId;
        Trust = AuditTrustAnchor.Parse(File.ReadAllBytes(TrustFile));
        AgencyKey = Sm2PrivateKey.FromPem(File.ReadAllText(Path.Combine(NetworkLayout.ValidatorDirectory(NetworkDirectory, 0), "agency.key.pem")));
        var servicePort = LoopbackPorts.FindFreeRun(2);
        RunOrThrow("service", "init", "--network", NetworkDirectory, "--agency-index", "0", "--dir", ServiceDirectory,
            "--port", servicePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--recorders", "3");
        await StartServiceAsync().ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        foreach (var client in ledgers)
        {
            client?.Dispose();
        }

        children.Dispose();
        directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Starts the service node and waits for its "listening" line.</summary>
    public async Task StartServiceAsync()
    {
        var logStart = File.Exists(ServiceLog) ? new FileInfo(ServiceLog).Length : 0;
        var process = children.Start(ServiceChild, ["service", "run", "--config", Path.Combine(ServiceDirectory, "service.json"), "--watch-stdin"], ServiceLog);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200).ConfigureAwait(false);
            var line = ReadLogFrom(logStart).Split('\n').FirstOrDefault(l => l.StartsWith("listening ", StringComparison.Ordinal));
            if (line is not null)
            {
                var fields = line.Split(' ').Skip(1).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
                GrpcUri = new Uri(fields["grpc"]);
                RestUri = new Uri(fields["rest"]);
                return;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("the service node exited: " + ReadLogFrom(logStart));
            }
        }

        throw new TimeoutException("the service node did not start: " + ReadLogFrom(logStart));
    }

    /// <summary>SIGKILL of the service node (no graceful shutdown).</summary>
    public void KillService() => children.Kill(ServiceChild);

    public CreditServiceClient Connect(string actorId, Sm2PrivateKey key, TimeProvider? clock = null, Func<HttpMessageHandler>? transport = null) =>
        CreditServiceClient.Connect(GrpcUri, RestUri, actorId, key, clock, transport);

    public CreditServiceClient ConnectAgency() => Connect(AgencyId, AgencyKey);

    /// <summary>Registers a fresh participant through the agency's node (gRPC) and returns its id and key.</summary>
    public async Task<(string Id, Sm2PrivateKey Key)> RegisterAsync(Role role, string prefix)
    {
        var key = Sm2PrivateKey.Generate();
        var id = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        using var agency = ConnectAgency();
        await agency.Participants.RegisterAsync(new RegisterParticipantRequest
        {
            ParticipantId = id,
            Role = role,
            PublicKey = Google.Protobuf.ByteString.CopyFrom(key.PublicKey.ToUncompressed()),
        });
        return (id, key);
    }

    /// <summary>What a wallet does: sign a ledger transaction at the actor's next nonce (read from the ledger).</summary>
    public async Task<byte[]> SignAsWalletAsync(Sm2PrivateKey key, TransactionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        var nonce = await NextNonceAsync(key.PublicKey.ToUncompressed()).ConfigureAwait(false);
        return LedgerTransaction.Sign(ChainId, key, nonce, payload).Encode();
    }

    /// <summary>
    /// The highest next nonce any validator reports: the validator that acknowledged the actor's last transaction has
    /// applied it, another may not have yet, and a nonce read from that one alone would be stale.
    /// </summary>
    public async Task<ulong> NextNonceAsync(byte[] publicKey)
    {
        var reads = Enumerable.Range(0, Validators).Select(i => LedgerOf(i).ParticipantByKeyAsync(publicKey));
        return (await Task.WhenAll(reads).ConfigureAwait(false)).Max(p => p?.NextNonce ?? 0);
    }

    /// <summary>Runs the `govchain` executable to completion (e.g. `audit verify`).</summary>
    public ProcessResult Run(params string[] args) => ProcessRunner.Run("dotnet", [Dll, .. args], timeout: TimeSpan.FromMinutes(2));

    /// <summary>
    /// Reads the independent validator until <paramref name="done"/> holds (at most 15 s): the service's records commit
    /// through whichever validator it reached, and validator 1 may apply that block a moment later.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Awaits a call expected to fail and returns its status.</summary>
    public static async Task<Status> FailureOf(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var error = await Assert.ThrowsAsync<RpcException>(call).ConfigureAwait(false);
        return error.Status;
    }

    private string ReadLogFrom(long offset)
    {
        if (!File.Exists(ServiceLog))
        {
            return string.Empty;
        }

        using var stream = new FileStream(ServiceLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void RunOrThrow(params string[] args)
    {
        var result = Run(args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"govchain {string.Join(' ', args)} exited {result.ExitCode}: {result.StdErr}");
        }
    }
}
