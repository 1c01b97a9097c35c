namespace GovChain.Ledger.Consensus;

/// <summary>
/// Idle rounds (docs/consensus.md §4). A leader with nothing to carry waits before an empty block:
/// <see cref="ConsensusOptions.IdleProposalTicks"/> while the chain ends in fewer than
/// <see cref="IdleBlocksBeforeBackOff"/> empty blocks, then twice as long with each further empty block, up to
/// <see cref="ConsensusOptions.MaxIdleProposalTicks"/>. Replicas compute the same wait from the same chain and add it
/// to their round timeout. A validator that holds transactions but does not lead the round broadcasts a
/// <see cref="WakeMessage"/>, and a woken round waits only the short wait: a transaction reaches a block no later than
/// it would without the back-off.
/// </summary>
public sealed partial class ConsensusNode
{
    /// <summary>Empty blocks in a row at the short wait: a fresh commit and its certified head reach everyone first.</summary>
    internal const int IdleBlocksBeforeBackOff = 3;

    // Doublings of the idle wait counted at most; far past any useful cap.
    private const int MaxIdleDoublings = 16;

    private ulong wokenRound;
    private ulong wokenNextRound;
    private ulong wakeSentRound;
    private long wakeSentAtTick;

    /// <summary>No uncommitted transactions in the chain the round extends, no fresh commit to announce and no TC to act on.</summary>
    private bool ChainIsIdle(Block parent)
    {
        if (!committedTip.Transactions.IsEmpty || highQc.Round + 1 != currentRound)
        {
            return false;
        }

        for (var b = parent; b.Height > CommittedHeight; b = Lookup(b.Parent)!)
        {
            if (!b.Transactions.IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How long the leader of the current round waits before an empty block on <paramref name="parent"/>.</summary>
    private int IdleWaitTicks(Block parent) => wokenRound == currentRound ? options.IdleProposalTicks : BackedOffIdleWait(parent);

    /// <summary>
    /// The wait from the empty blocks in a row that end at <paramref name="parent"/>, counted among the blocks held in
    /// memory only (never read back from the archive on every tick).
    /// </summary>
    private int BackedOffIdleWait(Block parent)
    {
        var empty = 0;
        for (Block? b = parent; b is not null && b.Transactions.IsEmpty && empty < IdleBlocksBeforeBackOff + MaxIdleDoublings;
             b = b.Height == 0 ? null : pending.GetValueOrDefault(b.Parent) ?? committedByHash.GetValueOrDefault(b.Parent))
        {
            empty++;
        }

        var doublings = Math.Max(0, empty - IdleBlocksBeforeBackOff);
        return (int)Math.Min(options.MaxIdleProposalTicks, (long)options.IdleProposalTicks << doublings);
    }

    /// <summary>Ticks a replica adds to its round timeout while the leader may be backing off, so idle rounds never time out.</summary>
    private int IdleAllowanceTicks()
    {
        if (wokenRound == currentRound || Lookup(highQc.BlockHash) is not { } parent || !ChainIsIdle(parent))
        {
            return 0;
        }

        var wait = BackedOffIdleWait(parent);
        return wait > options.IdleProposalTicks ? wait : 0;
    }

    /// <summary>
    /// A validator holding transactions that it cannot propose this round wakes the round, once and then again every
    /// <see cref="ConsensusOptions.BlockRequestRetryTicks"/> while the round lasts, since a copy may be lost.
    /// </summary>
    private void WakeIdleLeader()
    {
        if (self < 0 || mempool.Count == 0 || validators.LeaderOf(currentRound) == self ||
            Lookup(highQc.BlockHash) is not { } parent || !ChainIsIdle(parent))
        {
            return;
        }

        var due = wakeSentRound == currentRound
            ? ticks - wakeSentAtTick >= options.BlockRequestRetryTicks
            : wokenRound != currentRound && BackedOffIdleWait(parent) > options.IdleProposalTicks;
        if (!due)
        {
            return;
        }

        wakeSentRound = currentRound;
        wakeSentAtTick = ticks;
        MarkWoken();
        Broadcast(new WakeMessage(epoch, currentRound));
    }

    /// <summary>
    /// A woken round waits the short wait from its start: a leader that has waited that long proposes now. The idle
    /// allowance leaves the timeout, but the time already spent inside it is forgiven: the deadline becomes the plain
    /// timeout counted from the wake or the old deadline, whichever comes first. So a round that idled past the plain
    /// timeout does not time out before its leader can answer, and no wake, forged or late, ever moves a timeout later.
    /// </summary>
    private void MarkWoken()
    {
        if (wokenRound == currentRound)
        {
            return;
        }

        var allowance = IdleAllowanceTicks();
        wokenRound = currentRound;
        TryPropose();
        ticksInRound = Math.Max(0, ticksInRound - allowance);
    }

    /// <summary>A wake for this round cuts the leader's wait; one for the next round (a sender a little ahead) is kept for it.</summary>
    private void OnWake(WakeMessage wake)
    {
        if (wake.Round == currentRound)
        {
            MarkWoken();
        }
        else if (wake.Round == currentRound + 1)
        {
            wokenNextRound = wake.Round;
        }
    }
}
