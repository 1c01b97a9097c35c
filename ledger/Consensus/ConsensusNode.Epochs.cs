using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// Membership changes. A block carrying a valid <see cref="ValidatorSetChange"/> ends its epoch when it commits: the
/// commit stops at that block, the new validators start round 1 on top of it, and nodes still in the old epoch are
/// sent the certificate chain that committed it.
/// </summary>
public sealed partial class ConsensusNode
{
    private readonly Dictionary<int, long> epochChangeSentAt = [];
    private long ticks;

    /// <summary>The block's validator-set change if it has one that is valid for the current epoch.</summary>
    private ValidatorSetChange? ValidChangeIn(Block block)
    {
        foreach (var tx in block.Transactions)
        {
            if (TryDecodeChange(tx) is { } change && change.IsValid(chainId, epoch, validators, verifier))
            {
                return change;
            }
        }

        return null;
    }

    /// <summary>A block is votable if each validator-set change in it is well-formed and valid, and there is at most one.</summary>
    private bool PayloadIsValid(Block block)
    {
        var changes = 0;
        foreach (var tx in block.Transactions)
        {
            if (tx.Length == 0 || !IsAdmissible(tx) || (TryDecodeChange(tx) is not null && ++changes > 1))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsAdmissible(byte[] transaction)
    {
        try
        {
            var change = ValidatorSetChange.TryDecode(transaction);
            return change is null || change.IsValid(chainId, epoch, validators, verifier);
        }
        catch (LedgerFormatException)
        {
            return false;
        }
    }

    private static ValidatorSetChange? TryDecodeChange(byte[] transaction)
    {
        try
        {
            return ValidatorSetChange.TryDecode(transaction);
        }
        catch (LedgerFormatException)
        {
            return null;
        }
    }

    private void SwitchValidators(ValidatorSetChange change, Block root)
    {
        epoch = change.Epoch + 1;
        validators = change.NewValidators;
        epochRoot = root.Hash;
        self = validators.IndexOf(identity.PublicKey);
        ForgetAttestations();
    }

    /// <summary>Ends the epoch at <paramref name="root"/>: nothing uncommitted from the old epoch survives.</summary>
    private void EnterEpoch(ValidatorSetChange change, Block root, QuorumCertificate trigger)
    {
        var chain = new List<Block>();
        for (var b = Lookup(trigger.BlockHash)!; ; b = Lookup(b.Parent)!)
        {
            chain.Add(b);
            if (b.Hash == root.Hash)
            {
                break;
            }
        }

        chain.Reverse();
        epochChanges.Add(new EpochChangeMessage([.. chain.TakeLast(EpochChangeMessage.MaxChainLength)], trigger));

        SwitchValidators(change, root);
        highQc = QuorumCertificate.Root(epoch, epochRoot);
        lastVotedRound = 0;
        preferredRound = 0;
        currentRound = 0;
        proposedRound = 0;
        consecutiveTimeouts = 0;
        ownTimeout = null;
        lastRoundTimeout = null;
        pending.Clear();
        orphansByParent.Clear();
        orphans.Clear();
        missing.Clear();
        certificatesAwaitingBlock.Clear();
        verifiedCertificates.Clear();
        verifiedTimeoutRounds.Clear();
        votes.Clear();
        votersByRound.Clear();
        timeouts.Clear();
        signedProposalByRound.Clear();
        EnterRound(1, progress: true);
    }

    private void SendEpochChange(int peer, ulong theirEpoch)
    {
        if (theirEpoch >= (ulong)epochChanges.Count)
        {
            return;
        }

        // One proof per peer per retry interval is enough; a flood of stale messages must not become a flood of proofs.
        if (epochChangeSentAt.TryGetValue(peer, out var at) && ticks - at < options.BlockRequestRetryTicks)
        {
            return;
        }

        epochChangeSentAt[peer] = ticks;
        Send(peer, epochChanges[(int)theirEpoch]);
    }

    private void OnEpochChange(int from, EpochChangeMessage change)
    {
        var chain = change.Chain;
        if (chain.IsEmpty || change.Certificate.BlockHash != chain[^1].Hash || !CheckCertificate(change.Certificate))
        {
            Reject(from, "epoch change without a valid certificate for its last block");
            return;
        }

        for (var i = 0; i < chain.Length; i++)
        {
            var block = chain[i];
            if (block.Epoch != epoch || block.Justify is null || (i > 0 && block.Parent != chain[i - 1].Hash) || !CheckCertificate(block.Justify))
            {
                Reject(from, $"epoch change chain is invalid at block {i}");
                return;
            }
        }

        var startEpoch = epoch;
        foreach (var block in chain)
        {
            AcceptBlock(block, from);
            if (epoch != startEpoch)
            {
                return;
            }
        }

        RememberCertificate(change.Certificate, from);
    }
}
