using System.Net;
using System.Security.Cryptography.X509Certificates;
using GovChain.Crypto;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Node;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Transport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// A validator process: its <see cref="LedgerNode"/> over RocksDB in the config's data directory, a gRPC server on
/// 127.0.0.1 (HTTP/2, mutual TLS against the network CA) for peers and clients, one <see cref="PeerLink"/> per other
/// validator, and a pacemaker tick every <see cref="TickInterval"/>.
/// </summary>
public static class ValidatorHost
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(50);

    private const int StatusEveryTicks = 200;

    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs until <paramref name="stop"/> fires (0) or the node fails (1).</summary>
    public static async Task<int> RunAsync(NodeConfig config, TextWriter log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(log);
        var genesis = config.Genesis();
        var key = Sm2PrivateKey.FromPem(File.ReadAllText(config.Resolve(config.ConsensusKey)));
        var signer = new Sm2ConsensusSigner(key);
        if (genesis.Validators.IndexOf(signer.PublicKey) != config.Index)
        {
            throw new LedgerFormatException($"the consensus key is not validator {config.Index}'s");
        }

        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(config.Resolve(config.Authority)));
        using var tls = X509Certificate2.CreateFromPem(File.ReadAllText(config.Resolve(config.TlsCertificate)), File.ReadAllText(config.Resolve(config.TlsKey)));
        var certificates = new PeerCertificates(authority);
        if (certificates.ValidatorIndex(tls) != config.Index)
        {
            throw new LedgerFormatException($"the TLS certificate is not the CA's certificate for validator {config.Index}");
        }

        var n = config.Validators.Count;
        var agencies = config.Agencies.Select(a => (a.Id, Convert.FromHexString(a.PublicKey)));
        using var node = LedgerNode.Open(config.Resolve(config.Data), genesis, new NodeIdentity(signer.PublicKey, config.Index, n, signer), new Sm2SignatureVerifier(), agencies, memory: config.Memory, applyCommits: false);
        log.WriteLine($"validator {config.Index}: recovered height {node.Ledger.Height}, tree size {node.Ledger.Head.TreeSize}");

        var links = Enumerable.Range(0, n)
            .Select(peer => peer == config.Index ? null : new PeerLink(peer, Connect(config.Endpoint(peer), tls, certificates, peer)))
            .ToArray();
        var loop = new NodeLoop(node, links, signer, log);
        var app = BuildServer(config, tls, certificates, loop);
        try
        {
            await app.StartAsync(stop).ConfigureAwait(false);

            // The web host's own console lifetime also takes SIGTERM and Ctrl-C; either way the node stops.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop, app.Lifetime.ApplicationStopping);
            stop = stopping.Token;
            log.WriteLine($"validator {config.Index}: listening on https://{config.Endpoint(config.Index)}");
            using var ticks = new PeriodicTimer(TickInterval);
            try
            {
                for (var tick = 1L; !loop.Completion.IsCompleted && await ticks.WaitForNextTickAsync(stop).ConfigureAwait(false); tick++)
                {
                    loop.OfferTick();
                    if (tick % StatusEveryTicks == 0)
                    {
                        var dropped = links.OfType<PeerLink>().Sum(l => l.Dropped);
                        log.WriteLine(await loop.QueryAsync((n, _) => n.Consensus.Describe()).ConfigureAwait(false) +
                            $" dropped_out{dropped} dropped_in{loop.DroppedInput}");
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return loop.Completion.IsFaulted ? Fail(log, loop.Completion.Exception) : 0;
        }
        finally
        {
            foreach (var link in links.OfType<PeerLink>())
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }

            // Peers' Deliver streams never end on their own: give them a short grace, then the server aborts them.
            using (var grace = new CancellationTokenSource(ShutdownGrace))
            {
                await app.StopAsync(grace.Token).ConfigureAwait(false);
            }

            await app.DisposeAsync().ConfigureAwait(false);

            await loop.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A gRPC channel to a validator that presents <paramref name="client"/> and accepts only the CA's certificate for <paramref name="peer"/>.</summary>
    public static GrpcChannel Connect(IPEndPoint endpoint, X509Certificate2 client, PeerCertificates certificates, int? peer)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(certificates);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        handler.SslOptions.ClientCertificates = [client];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 presented &&
            (peer is { } expected ? certificates.ValidatorIndex(presented) == expected : certificates.ValidatorIndex(presented) >= 0);
        return GrpcChannel.ForAddress($"https://{endpoint}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = LedgerGrpc.MaxMessageBytes,
            MaxSendMessageSize = LedgerGrpc.MaxMessageBytes,
        });
    }

    private static WebApplication BuildServer(NodeConfig config, X509Certificate2 tls, PeerCertificates certificates, NodeLoop loop)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = config.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = LedgerGrpc.MaxMessageBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            kestrel.Listen(IPAddress.Loopback, config.Endpoint(config.Index).Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = tls,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (certificate, _, _) => certificates.IsIssuedByAuthority(certificate),
                });
            });
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = LedgerGrpc.MaxMessageBytes;
            o.MaxSendMessageSize = LedgerGrpc.MaxMessageBytes;
        });
        builder.Services.AddSingleton(loop).AddSingleton(certificates).AddSingleton(config);
        var app = builder.Build();
        app.MapGrpcService<ValidatorTransportService>();
        app.MapGrpcService<ClientApiService>();
        return app;
    }

    private static int Fail(TextWriter log, Exception? error)
    {
        log.WriteLine($"node failed: {error?.GetBaseException().Message}");
        return 1;
    }
}
