using System.Threading.Channels;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Node;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// The one thread that owns a <see cref="LedgerNode"/>: peer messages, ticks and client requests are queued and
/// handled in order; after each, the node has stored its committed blocks and its state, and only then are its
/// messages handed to the peer links (the write-ahead rule). Committed blocks are then applied by a
/// <see cref="BlockApplier"/> beside the loop, and clients waiting on their transactions are answered once theirs is
/// applied. Peer input is bounded per peer and rate-limited; what is dropped is counted, and what the core rejects is
/// logged with its reason.
/// </summary>
public sealed class NodeLoop : IAsyncDisposable
{
    public const int MaxQueuedPerPeer = 8192;
    public const int MaxWaitingClients = 100_000;
    public const double PeerMessagesPerSecond = 20_000;
    private const int MaxBatch = 512;

    private readonly LedgerNode node;
    private readonly IReadOnlyList<PeerLink?> links;
    private readonly IConsensusSigner signer;
    private readonly TextWriter log;
    private readonly Channel<Input> inbox = Channel.CreateUnbounded<Input>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int[] queuedPerPeer;
    private readonly TokenBucket[] limits;
    private readonly Dictionary<Hash32, List<TaskCompletionSource<SubmitReply>>> waiting = [];
    private readonly HashSet<Hash32> unapplied = [];
    private readonly BlockApplier applier;
    private readonly Dictionary<string, long> rejectionCounts = [];
    private readonly Task worker;
    private SignedTreeHead? signedHead;
    private int waitingClients;
    private int tickQueued;
    private long droppedInput;

    public NodeLoop(LedgerNode node, IReadOnlyList<PeerLink?> links, IConsensusSigner signer, TextWriter log)
    {
        this.node = node;
        this.links = links;
        this.signer = signer;
        this.log = log;
        queuedPerPeer = new int[links.Count];
        limits = [.. links.Select(_ => new TokenBucket(PeerMessagesPerSecond, 2 * PeerMessagesPerSecond))];
        applier = new BlockApplier(node.Ledger, block => inbox.Writer.TryWrite(new AppliedInput(block)));
        // A failed applier stops the loop with its error, as a failed write on the loop's own thread does.
        applier.Completion.ContinueWith(t => inbox.Writer.TryComplete(t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        worker = Task.Run(RunAsync);
    }

    /// <summary>
    /// The committed ledger, for readers beside the loop (trail queries): it publishes each tree head only after the
    /// records under it are stored, and its store and log only grow.
    /// </summary>
    public CommittedLedger Ledger => node.Ledger;

    /// <summary>This validator's signature on <paramref name="head"/>, made once per head however many readers ask.</summary>
    public SignedTreeHead SignHead(TreeHead head, ushort index)
    {
        var last = Volatile.Read(ref signedHead);
        if (last?.Head != head)
        {
            last = SignedTreeHead.Sign(head, node.Consensus.ChainId, [(index, signer)]);
            Volatile.Write(ref signedHead, last);
        }

        return last;
    }

    /// <summary>This validator's statement that a trail page it read holds every record of the trail in its leaves.</summary>
    public TrailAttestation AttestTrail(TreeHead head, Storage.TrailQuery query, IReadOnlyList<long> leaves, long? nextFromLeaf, ushort index) =>
        TrailAttestation.Sign(node.Consensus.ChainId, head, query, leaves, nextFromLeaf, [(index, signer)]);

    /// <summary>Ends when the loop stops; faults if the node failed (a storage error stops the node rather than letting it run on).</summary>
    public Task Completion => worker;

    /// <summary>Peer messages refused before reaching the core (rate limit or full per-peer queue).</summary>
    public long DroppedInput => Interlocked.Read(ref droppedInput);

    public void OfferPeerMessage(int from, byte[] payload)
    {
        if (!limits[from].TryTake())
        {
            Interlocked.Increment(ref droppedInput);
            return;
        }

        if (Interlocked.Increment(ref queuedPerPeer[from]) > MaxQueuedPerPeer)
        {
            Interlocked.Decrement(ref queuedPerPeer[from]);
            Interlocked.Increment(ref droppedInput);
            return;
        }

        if (!inbox.Writer.TryWrite(new PeerInput(from, payload)))
        {
            Interlocked.Decrement(ref queuedPerPeer[from]);
        }
    }

    public void OfferTick()
    {
        if (Interlocked.Exchange(ref tickQueued, 1) == 0)
        {
            inbox.Writer.TryWrite(new TickInput());
        }
    }

    /// <summary>
    /// Submits a transaction and waits until it commits on this node, or <paramref name="wait"/> passes. A malformed or
    /// forged transaction is refused here, on the caller's thread, with the reason (Rejected at height −1): it would
    /// otherwise cost every validator a verification and a block slot. The verification is remembered, so this node
    /// does not repeat it when the block commits.
    /// </summary>
    public Task<SubmitReply> SubmitAsync(byte[] transaction, TimeSpan wait, CancellationToken cancel) =>
        SubmitAsync(transaction, Hash32.Compute(transaction), wait, cancel);

    /// <summary><see cref="SubmitAsync(byte[], TimeSpan, CancellationToken)"/> for a caller that already has the id (its SM3).</summary>
    public async Task<SubmitReply> SubmitAsync(byte[] transaction, Hash32 id, TimeSpan wait, CancellationToken cancel)
    {
        if (RefusalAtAdmission(transaction, id) is { } refusal)
        {
            return new SubmitReply(SubmitOutcome.Rejected, -1, -1, refusal);
        }

        if (Interlocked.Increment(ref waitingClients) > MaxWaitingClients)
        {
            Interlocked.Decrement(ref waitingClients);
            return new SubmitReply(SubmitOutcome.NotAdmitted, -1, -1, "too many clients waiting");
        }

        try
        {
            var reply = new TaskCompletionSource<SubmitReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!inbox.Writer.TryWrite(new SubmitInput(transaction, id, reply)))
            {
                return new SubmitReply(SubmitOutcome.NotAdmitted, -1, -1, "node is stopping");
            }

            try
            {
                return await reply.Task.WaitAsync(wait, cancel).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new SubmitReply(SubmitOutcome.Pending, -1, -1, "not committed yet");
            }
        }
        finally
        {
            Interlocked.Decrement(ref waitingClients);
        }
    }

    /// <summary>Runs a read of the applied ledger state (state records, height, heads) between blocks.</summary>
    public Task<T> QueryStateAsync<T>(Func<CommittedLedger, T> query) => applier.QueryAsync(query);

    /// <summary>Runs a read of the consensus core on the loop's thread, between inputs.</summary>
    public async Task<T> QueryAsync<T>(Func<LedgerNode, IConsensusSigner, T> query)
    {
        var reply = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!inbox.Writer.TryWrite(new QueryInput((n, s) => query(n, s), reply)))
        {
            throw new InvalidOperationException("node is stopping");
        }

        return (T)(await reply.Task.ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync()
    {
        inbox.Writer.TryComplete();
        try
        {
            await worker.ConfigureAwait(false);
        }
        finally
        {
            // Blocks already queued are applied before the store closes; a failed applier's error is the worker's.
            applier.Complete();
            await applier.Completion.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<(int, byte[])>();
        while (await inbox.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Consensus inputs that are already queued are handled together and persisted once (group commit).
            var tick = false;
            while (batch.Count < MaxBatch && inbox.Reader.TryRead(out var input))
            {
                switch (input)
                {
                    case PeerInput p:
                        Interlocked.Decrement(ref queuedPerPeer[p.From]);
                        batch.Add((p.From, p.Payload));
                        break;
                    case TickInput:
                        Interlocked.Exchange(ref tickQueued, 0);
                        tick = true;
                        break;
                    case SubmitInput submit:
                        Submit(submit);
                        break;
                    case QueryInput q:
                        Query(q);
                        break;
                    case AppliedInput a:
                        NotifyApplied(a.Block);
                        break;
                }
            }

            if (batch.Count > 0 || tick)
            {
                Send(node.ReceiveBatch(batch, tick ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : null));
                batch.Clear();
                foreach (var block in node.DrainCommittedBlocks())
                {
                    unapplied.UnionWith(block.TransactionIds);
                    await applier.EnqueueAsync(block).ConfigureAwait(false);
                }
            }
        }

        foreach (var reply in waiting.Values.SelectMany(w => w))
        {
            reply.TrySetResult(new SubmitReply(SubmitOutcome.Pending, -1, -1, "node stopped"));
        }
    }

    private void Send(List<OutboundMessage> outbox)
    {
        LogRejections();
        foreach (var message in outbox)
        {
            var bytes = message.Message.Encode();
            for (var peer = 0; peer < links.Count; peer++)
            {
                if (links[peer] is { } link && (message.To is null || message.To == peer))
                {
                    link.Send(bytes);
                }
            }
        }
    }

    private void Query(QueryInput q)
    {
        try
        {
            q.Reply.TrySetResult(q.Query(node, signer));
        }
        catch (Exception ex) when (ex is LedgerFormatException or ArgumentException or InvalidOperationException)
        {
            q.Reply.TrySetException(ex);
        }
    }

    // Membership changes are not signed transactions of one actor; the consensus core checks their signatures.
    private string? RefusalAtAdmission(byte[] transaction, Hash32 id)
    {
        try
        {
            if (ValidatorSetChange.TryDecode(transaction) is not null)
            {
                return null;
            }
        }
        catch (LedgerFormatException)
        {
            return null; // the pool refuses a malformed membership change
        }

        return node.Ledger.Admit(transaction, id);
    }

    private void Submit(SubmitInput s)
    {
        var id = s.Id;
        if (Outcome(id) is { } done)
        {
            s.Reply.TrySetResult(done);
            return;
        }

        if (waiting.TryGetValue(id, out var replies))
        {
            replies.Add(s.Reply);
            return;
        }

        // Committed and stored, not applied yet: its outcome comes with the block, and the pool must not take it again.
        if (unapplied.Contains(id))
        {
            waiting[id] = [s.Reply];
            return;
        }

        if (!node.Submit(s.Transaction, id))
        {
            s.Reply.TrySetResult(new SubmitReply(SubmitOutcome.NotAdmitted, -1, -1, "refused by the pool: invalid, oversized, or pool full"));
            return;
        }

        waiting[id] = [s.Reply];
    }

    private void NotifyApplied(Block block)
    {
        foreach (var id in block.TransactionIds)
        {
            unapplied.Remove(id);
            if (waiting.Count > 0 && waiting.Remove(id, out var replies) && Outcome(id) is { } outcome)
            {
                replies.ForEach(r => r.TrySetResult(outcome));
            }
        }
    }

    private SubmitReply? Outcome(Hash32 id)
    {
        if (node.Ledger.Store.ReadTransactionRecord(id) is not { } record)
        {
            return null;
        }

        var r = new CanonicalReader(record);
        var height = (long)r.ReadUInt64();
        _ = r.ReadUInt32();
        var leaf = r.ReadInt64();
        var accepted = r.ReadBool();
        return new SubmitReply(accepted ? SubmitOutcome.Accepted : SubmitOutcome.Rejected, height, leaf, r.ReadString(4096));
    }

    private void LogRejections()
    {
        foreach (var rejection in node.DrainRejections())
        {
            var key = $"peer {rejection.FromPeer}: {rejection.Reason}";
            var count = rejectionCounts[key] = rejectionCounts.GetValueOrDefault(key) + 1;
            if ((count & (count - 1)) == 0)
            {
                log.WriteLine($"rejected x{count} from {key}");
            }
        }
    }

    private abstract record Input;

    private sealed record PeerInput(int From, byte[] Payload) : Input;

    private sealed record TickInput : Input;

    private sealed record SubmitInput(byte[] Transaction, Hash32 Id, TaskCompletionSource<SubmitReply> Reply) : Input;

    private sealed record AppliedInput(Block Block) : Input;

    private sealed record QueryInput(Func<LedgerNode, IConsensusSigner, object?> Query, TaskCompletionSource<object?> Reply) : Input;
}
