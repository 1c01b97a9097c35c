using GovChain.Ledger.Application;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Storage;
using GovChain.TestSupport;
using Xunit;
using static GovChain.Ledger.Tests.Storage.StoreFixture;

namespace GovChain.Ledger.Tests.Node;

/// <summary>The thread that applies a validator's stored blocks behind its consensus loop.</summary>
public sealed class BlockApplierTests
{
    [Fact]
    public async Task AppliesStoredBlocksInOrderAndAnswersStateQueriesBetweenThem()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        var (blocks, stateRoot) = Chain(source.Path, 3, withTransactions: true);
        using var ledger = CommittedLedger.Open(target.Path, Genesis, Verifier, Agencies);
        var applied = new List<ulong>();
        var applier = new BlockApplier(ledger, block => { lock (applied) { applied.Add(block.Height); } });

        foreach (var block in blocks)
        {
            ledger.StoreBlock(block);
            await applier.EnqueueAsync(block);
        }

        // A query queued behind the blocks sees all of them applied.
        Assert.Equal(3L, await applier.QueryAsync(l => l.Height));
        Assert.Equal(stateRoot, await applier.QueryAsync(l => l.Machine.State.ComputeRoot()));
        lock (applied)
        {
            Assert.Equal([1UL, 2UL, 3UL], applied);
        }

        applier.Complete();
        await applier.Completion;
    }

    [Fact]
    public async Task TheLoopWaitsWhileTheQueueIsFull()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        var (blocks, _) = Chain(source.Path, BlockApplier.MaxUnappliedBlocks + 1, withTransactions: false);
        using var ledger = CommittedLedger.Open(target.Path, Genesis, Verifier, Agencies);
        var applier = new BlockApplier(ledger, _ => { });
        using var gate = new ManualResetEventSlim();
        var held = applier.QueryAsync(_ => gate.Wait(TimeSpan.FromSeconds(30)));

        foreach (var block in blocks.Take(BlockApplier.MaxUnappliedBlocks))
        {
            ledger.StoreBlock(block);
            Assert.True(applier.EnqueueAsync(block).IsCompletedSuccessfully);
        }

        ledger.StoreBlock(blocks[^1]);
        var overflow = applier.EnqueueAsync(blocks[^1]).AsTask();
        await Task.Delay(200);
        Assert.False(overflow.IsCompleted);

        gate.Set();
        Assert.True(await held);
        await overflow;
        Assert.Equal((long)blocks.Count, await applier.QueryAsync(l => l.Height));
        applier.Complete();
        await applier.Completion;
    }

    [Fact]
    public async Task AFailedApplyStopsTheApplierAndFailsWhatFollows()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        var (blocks, _) = Chain(source.Path, 2, withTransactions: false);
        using var ledger = CommittedLedger.Open(target.Path, Genesis, Verifier, Agencies);
        var applier = new BlockApplier(ledger, _ => { });

        await applier.EnqueueAsync(blocks[0]); // never stored: applying it is refused
        var error = await Assert.ThrowsAsync<ArgumentException>(() => applier.Completion);
        Assert.Contains("not the next stored block", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await applier.EnqueueAsync(blocks[1]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => applier.QueryAsync(l => l.Height));
        Assert.Equal(0L, ledger.Height);
    }

    /// <summary>A chain of <paramref name="count"/> blocks above genesis, committed in a ledger of its own.</summary>
    private static (List<Block> Blocks, GovChain.Ledger.Codec.Hash32 StateRoot) Chain(string directory, int count, bool withTransactions)
    {
        using var ledger = CommittedLedger.Open(directory, Genesis, Verifier, Agencies);
        for (var i = 0; i < count; i++)
        {
            byte[][] txs = withTransactions
                ? [LedgerTransaction.Sign(Genesis.ChainId, Agency, (ulong)i, new RegisterParticipant($"bureau-{i}", ParticipantRole.Bureau, Key((byte)(10 + i)).PublicKey.ToUncompressed())).Encode()]
                : [];
            Assert.All(ledger.Commit(NextBlock(ledger, txs, T0 + i + 1)), r => Assert.True(r.Accepted, r.Reason));
        }

        return ([.. Enumerable.Range(1, count).Select(h => ledger.Store.ReadBlock(h))], ledger.Machine.State.ComputeRoot());
    }
}
