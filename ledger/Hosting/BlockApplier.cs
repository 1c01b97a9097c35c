using System.Threading.Channels;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Storage;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Applies a validator's committed blocks on a thread of its own, so its consensus loop keeps voting and proposing
/// while a block's outcomes, trail entries and Merkle nodes are derived and written. The loop has stored each block's
/// body before queueing it (a node that stops in between applies it on reopen), and waits while
/// <see cref="MaxUnappliedBlocks"/> are queued: that bounds the memory held and how far the applied state trails
/// consensus. The application state belongs to this thread, so state queries run here, between blocks.
/// </summary>
internal sealed class BlockApplier
{
    public const int MaxUnappliedBlocks = 16;

    private readonly CommittedLedger ledger;
    private readonly Action<Block> applied;
    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim room = new(MaxUnappliedBlocks);
    private readonly CancellationTokenSource failed = new();

    /// <param name="applied">Called on the applier's thread after each block is applied and its head published.</param>
    public BlockApplier(CommittedLedger ledger, Action<Block> applied)
    {
        this.ledger = ledger;
        this.applied = applied;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Ends once <see cref="Complete"/> was called and the queued blocks are applied; faults if applying failed.</summary>
    public Task Completion { get; }

    /// <summary>Queues the next stored block, waiting while the queue is full; throws the applier's failure if it stopped.</summary>
    public async ValueTask EnqueueAsync(Block block)
    {
        try
        {
            await room.WaitAsync(failed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Completion.ConfigureAwait(false);
            throw;
        }

        if (!queue.Writer.TryWrite(new ApplyWork(block)))
        {
            throw new InvalidOperationException("the block applier has stopped");
        }
    }

    /// <summary>Runs a read of the applied state between blocks.</summary>
    public async Task<T> QueryAsync<T>(Func<CommittedLedger, T> query)
    {
        var work = new QueryWork(ledger => query(ledger));
        if (!queue.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("node is stopping");
        }

        return (T)(await work.Reply.Task.ConfigureAwait(false))!;
    }

    /// <summary>No more blocks or queries follow.</summary>
    public void Complete() => queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                switch (work)
                {
                    case ApplyWork a:
                        ledger.ApplyStored(a.Block);
                        room.Release();
                        applied(a.Block);
                        break;
                    case QueryWork q:
                        q.Run(ledger);
                        break;
                }
            }
        }
        catch
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                (left as QueryWork)?.Reply.TrySetException(new InvalidOperationException("node stopped"));
            }

            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private abstract record Work;

    private sealed record ApplyWork(Block Block) : Work;

    private sealed record QueryWork(Func<CommittedLedger, object?> Query) : Work
    {
        public TaskCompletionSource<object?> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(CommittedLedger ledger)
        {
            try
            {
                Reply.TrySetResult(Query(ledger));
            }
            catch (Exception ex) when (ex is LedgerFormatException or ArgumentException or InvalidOperationException)
            {
                Reply.TrySetException(ex);
            }
        }
    }
}
