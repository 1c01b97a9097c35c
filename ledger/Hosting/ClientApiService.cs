using System.Threading.Channels;
using Grpc.Core;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Server side of the client API: submit a signed transaction (alone or on a stream) and wait for its commit, read the
/// node's status, and fetch a trail with proofs under this node's signed tree head. Callers need a CA-issued
/// certificate (mTLS).
/// </summary>
public sealed class ClientApiService(NodeLoop loop, NodeConfig config) : ClientApiBase
{
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(20);

    /// <summary>Submissions one stream may have waiting for their commits.</summary>
    public const int MaxStreamInFlight = 4096;

    public override async Task<byte[]> Submit(byte[] request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Length is 0 or > Block.MaxTransactionBytes)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a transaction is 1..{Block.MaxTransactionBytes} bytes"));
        }

        return (await loop.SubmitAsync(request, CommitWait, context.CancellationToken).ConfigureAwait(false)).Encode();
    }

    /// <summary>
    /// Submissions on one stream, each answered when it commits (in commit order, named by transaction id). At most
    /// <see cref="MaxStreamInFlight"/> wait at once: a client that sends faster than the ledger commits is held back by
    /// the stream's flow control, not queued without bound. A message that cannot be a transaction ends the stream
    /// with InvalidArgument, as a unary submission would be refused.
    /// </summary>
    public override async Task SubmitStream(IAsyncStreamReader<byte[]> requests, IServerStreamWriter<byte[]> replies, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(context);
        var outbox = Channel.CreateUnbounded<StreamedSubmitReply>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteRepliesAsync(outbox.Reader, replies);
        // Not disposed: submissions still waiting when the call ends release their slot later (no wait handle is made).
        var slots = new SemaphoreSlim(MaxStreamInFlight);
        var open = 1; // the reading loop, plus each submission waiting for its commit
        void Finish()
        {
            if (Interlocked.Decrement(ref open) == 0)
            {
                outbox.Writer.TryComplete();
            }
        }

        try
        {
            await foreach (var transaction in requests.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (transaction.Length is 0 or > Block.MaxTransactionBytes)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"a transaction is 1..{Block.MaxTransactionBytes} bytes"));
                }

                await slots.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref open);
                _ = SubmitOneAsync(transaction, outbox.Writer, slots, Finish, context.CancellationToken);
            }
        }
        finally
        {
            Finish();
        }

        await writer.ConfigureAwait(false);
    }

    private async Task SubmitOneAsync(byte[] transaction, ChannelWriter<StreamedSubmitReply> outbox, SemaphoreSlim slots, Action finish, CancellationToken cancel)
    {
        try
        {
            // One SM3 of the transaction serves admission, the pool and the reply's name.
            var id = Hash32.Compute(transaction);
            var reply = await loop.SubmitAsync(transaction, id, CommitWait, cancel).ConfigureAwait(false);
            outbox.TryWrite(new StreamedSubmitReply(id, reply));
        }
        catch (OperationCanceledException)
        {
            // The client went away; nobody is left to answer.
        }
        finally
        {
            slots.Release();
            finish();
        }
    }

    private static async Task WriteRepliesAsync(ChannelReader<StreamedSubmitReply> outbox, IServerStreamWriter<byte[]> replies)
    {
        try
        {
            await foreach (var reply in outbox.ReadAllAsync().ConfigureAwait(false))
            {
                await replies.WriteAsync(reply.Encode()).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The call ended (the client left, or the stream was refused): later replies have nowhere to go.
        }
    }

    public override async Task<byte[]> Status(byte[] request, ServerCallContext context) =>
        (await loop.QueryStateAsync(ledger => new NodeStatus(ledger.Height, ledger.Machine.State.ComputeRoot(), ledger.Head)).ConfigureAwait(false)).Encode();

    // A page's records and proofs stay well inside one gRPC message (LedgerGrpc.MaxMessageBytes); longer trails page.
    private const int MaxServedRecords = 10_000;
    private const int MaxServedBytes = 8 * 1024 * 1024;

    // A page in the making holds up to MaxServedBytes of records and proofs and then its encoding; the reply budget
    // below already bounds that memory (each build first reserves a whole message), and this bounds the threads. A
    // build also waits on the store (index seeks, leaf reads) and the Merkle tree's lock, so twice the cores left
    // cores idle while auditors queued (after a batch load, 1,343 → 1,755 trails/s over four pairs of runs).
    private static readonly SemaphoreSlim PageBuilders = new(8 * Environment.ProcessorCount);

    // Replies built and not yet read by their clients (see ReplyBudget): sixteen of the largest a message can be, far
    // more of the usual tens of kilobytes; a reply unread after ReplyDrainLimit has its call aborted.
    private const long MaxHeldReplyBytes = 16L * LedgerGrpc.MaxMessageBytes;
    private static readonly TimeSpan ReplyDrainLimit = TimeSpan.FromSeconds(60);
    private static readonly ReplyBudget HeldReplies = new(MaxHeldReplyBytes);

    public override async Task<EncodedReply> Trail(byte[] request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TrailRequest query;
        try
        {
            query = TrailRequest.Decode(request);
        }
        catch (LedgerFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        await HeldReplies.ReserveAsync(LedgerGrpc.MaxMessageBytes, context.CancellationToken).ConfigureAwait(false);
        EncodedReply reply;
        try
        {
            reply = await BuildTrailPageAsync(query, context.CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            HeldReplies.Release(LedgerGrpc.MaxMessageBytes);
            throw;
        }

        HeldReplies.Release(LedgerGrpc.MaxMessageBytes - reply.Length);
        HeldReplies.HoldUntilSent(context.GetHttpContext(), reply.Length, ReplyDrainLimit);
        return reply;
    }

    private async Task<EncodedReply> BuildTrailPageAsync(TrailRequest query, CancellationToken cancel)
    {
        // Served beside the node loop, not on it: trails never queue behind consensus. The head is taken first and
        // everything is proven against it: the quorum-signed head if asked for and there is one, else this node's
        // latest head under its own signature.
        await PageBuilders.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var signed = query.Certified && loop.Ledger.QuorumHead is { } quorum ? quorum : null;
            var head = signed?.Head ?? loop.Ledger.Head;
            var page = query.Query.Limit <= MaxServedRecords ? query.Query : new TrailQuery(query.Query.Index, query.Query.Key, query.Query.FromLeaf, MaxServedRecords);
            var (records, next) = loop.Ledger.Trail(page, head, MaxServedBytes);
            var attestation = query.Attested ? loop.AttestTrail(head, page, [.. records.Select(t => t.Leaf)], next, (ushort)config.Index) : null;
            var bundle = new AuditBundle(signed ?? loop.SignHead(head, (ushort)config.Index), [.. records.Select(t => new AuditedRecord(t.Record, t.Proof))], null, null, attestation);
            var reply = EncodedReply.Rent();
            new TrailPage(bundle, next).WriteTo(reply.Writer);
            return reply;
        }
        finally
        {
            PageBuilders.Release();
        }
    }

    public override async Task<byte[]> Lookup(byte[] request, ServerCallContext context)
    {
        LookupRequest query;
        try
        {
            query = LookupRequest.Decode(request);
        }
        catch (LedgerFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        try
        {
            return await loop.QueryStateAsync(ledger => query.Answer(ledger.Machine.State, ledger.Height)).ConfigureAwait(false);
        }
        catch (LedgerFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }
}
