using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Polly;
using Polly.Retry;

namespace GovChain.Ledger.Transport;

/// <summary>
/// The outgoing side of one validator-to-validator connection: a bounded queue (oldest message dropped when full —
/// consensus tolerates loss, and block sync repairs it) drained into one long-lived gRPC client stream, reopened with
/// Polly's exponential backoff whenever the peer goes away.
/// </summary>
public sealed class PeerLink : IAsyncDisposable
{
    public const int QueueCapacity = 4096;

    private readonly Channel<byte[]> queue;
    private readonly GrpcChannel channel;
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;
    private long dropped;

    public PeerLink(int peer, GrpcChannel channel)
    {
        Peer = peer;
        this.channel = channel;
        // A full queue accepts the new message and drops its oldest: the write succeeds, so the drop is counted here.
        queue = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));
        var retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !stop.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(1),
                UseJitter = true,
            })
            .Build();
        pump = Task.Run(() => retry.ExecuteAsync(Pump, stop.Token).AsTask());
    }

    public int Peer { get; }

    /// <summary>Messages dropped because the peer was too slow or oversized.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public void Send(byte[] message)
    {
        if (message.Length > LedgerGrpc.MaxMessageBytes || !queue.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or HttpRequestException)
        {
            // Stopping: the pump ends cancelled, or with its last failure to reach or write to a peer that is down.
        }

        stop.Dispose();
        channel.Dispose();
    }

    private async ValueTask Pump(CancellationToken token)
    {
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(LedgerGrpc.Deliver, null, new CallOptions(cancellationToken: token));
        while (await queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (queue.Reader.TryRead(out var message))
            {
                await call.RequestStream.WriteAsync(message, token).ConfigureAwait(false);
            }
        }
    }
}
