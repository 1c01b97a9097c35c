using System.Collections.Concurrent;
using Grpc.Core;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Client end of <see cref="LedgerGrpc.SubmitStream"/>: many submissions to one validator over one HTTP/2 stream, each
/// still answered on its own when it commits. A unary call per transaction costs the client and the node far more
/// than the transaction itself at thousands a second. If the stream breaks, every submission still waiting fails
/// with the <see cref="RpcException"/>, as a broken unary call would: whether those committed is then unknown.
/// </summary>
public sealed class LedgerSubmitStream : IAsyncDisposable
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(30);

    private readonly AsyncDuplexStreamingCall<byte[], byte[]> call;
    private readonly ConcurrentDictionary<Hash32, TaskCompletionSource<SubmitReply>> waiting = new();
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly Task reader;
    private volatile RpcException? failure;

    internal LedgerSubmitStream(AsyncDuplexStreamingCall<byte[], byte[]> call)
    {
        this.call = call;
        reader = ReadRepliesAsync();
    }

    /// <summary>Sends a signed transaction and waits for its reply; the same transaction twice in flight is sent once.</summary>
    public async Task<SubmitReply> SubmitAsync(byte[] transaction, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var id = Hash32.Compute(transaction);
        var reply = new TaskCompletionSource<SubmitReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = waiting.GetOrAdd(id, reply);
        if (!ReferenceEquals(inFlight, reply))
        {
            // Sent already and not yet answered: a second copy would only come back as a duplicate.
            return await inFlight.Task.WaitAsync(cancel).ConfigureAwait(false);
        }

        try
        {
            await writeGate.WaitAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            waiting.TryRemove(id, out _);
            throw;
        }

        try
        {
            ThrowIfFailed(id);
            await call.RequestStream.WriteAsync(transaction, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            waiting.TryRemove(id, out _);
            throw;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            Fail(new RpcException(new Status(StatusCode.Unavailable, "the submit stream is closed: " + ex.Message)));
            throw failure!;
        }
        finally
        {
            writeGate.Release();
        }

        ThrowIfFailed(id);
        return await reply.Task.WaitAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Ends the stream after the replies still owed arrive (or <see cref="CloseWait"/> passes).</summary>
    public async ValueTask DisposeAsync()
    {
        await writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (failure is null)
            {
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // Already broken: the reader fails whatever still waits.
        }
        finally
        {
            writeGate.Release();
        }

        try
        {
            await reader.WaitAsync(CloseWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Fail(new RpcException(new Status(StatusCode.DeadlineExceeded, "the stream closed before every reply arrived")));
        }

        call.Dispose();
        writeGate.Dispose();
    }

    private async Task ReadRepliesAsync()
    {
        try
        {
            await foreach (var bytes in call.ResponseStream.ReadAllAsync().ConfigureAwait(false))
            {
                var streamed = StreamedSubmitReply.Decode(bytes);
                if (waiting.TryRemove(streamed.TransactionId, out var reply))
                {
                    reply.TrySetResult(streamed.Reply);
                }
            }

            Fail(new RpcException(new Status(StatusCode.Unavailable, "the node ended the submit stream")));
        }
        catch (RpcException ex)
        {
            Fail(ex);
        }
        catch (Exception ex) when (ex is LedgerFormatException or IOException or InvalidOperationException or OperationCanceledException)
        {
            Fail(new RpcException(new Status(StatusCode.Internal, "the submit stream broke: " + ex.Message)));
        }
    }

    private void Fail(RpcException error)
    {
        failure ??= error;
        foreach (var id in waiting.Keys)
        {
            if (waiting.TryRemove(id, out var reply))
            {
                reply.TrySetException(failure);
            }
        }
    }

    private void ThrowIfFailed(Hash32 id)
    {
        if (failure is { } error)
        {
            waiting.TryRemove(id, out _);
            throw error;
        }
    }
}
