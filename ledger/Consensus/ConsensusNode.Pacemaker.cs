using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// Rounds, proposals, votes and timeouts. A validator enters round r+1 on a certificate for round r (a QC from votes,
/// or a TC from 2f+1 timeouts); it times out after a backed-off number of ticks, and joins a timeout once f+1 others
/// have, so that honest validators converge on one round after the network heals.
/// </summary>
public sealed partial class ConsensusNode
{
    private readonly Dictionary<(ulong Round, Hash32 Block), SortedDictionary<ushort, byte[]>> votes = [];
    private readonly Dictionary<ulong, SortedDictionary<ushort, TimeoutSignature>> timeouts = [];
    private readonly Dictionary<ulong, Hash32> signedProposalByRound = [];
    private readonly HashSet<ulong> verifiedTimeoutRounds = [];
    private readonly Dictionary<ulong, HashSet<ushort>> votersByRound = [];

    private ulong currentRound;
    private int ticksInRound;
    private int consecutiveTimeouts;
    private ulong proposedRound;
    private TimeoutMessage? ownTimeout;
    private TimeoutCertificate? lastRoundTimeout;

    private int CurrentTimeoutTicks =>
        (int)Math.Min(options.MaxTimeoutTicks, (long)options.BaseTimeoutTicks << Math.Min(consecutiveTimeouts, 16));

    private void EnterRound(ulong round, bool progress)
    {
        if (round <= currentRound)
        {
            return;
        }

        currentRound = round;
        ticksInRound = 0;
        ownTimeout = null;
        if (wokenNextRound == round)
        {
            wokenRound = round;
        }

        if (progress)
        {
            consecutiveTimeouts = 0;
        }

        if (lastRoundTimeout is not null && lastRoundTimeout.Round + 1 != round)
        {
            lastRoundTimeout = null;
        }

        PruneRounds();
        if (signedProposalByRound.TryGetValue(round, out var hash) && Lookup(hash) is { } block)
        {
            TryVote(block);
        }

        TryPropose();
        WakeIdleLeader();
    }

    private void PruneRounds()
    {
        var floor = currentRound < 2 ? 0 : currentRound - 2;
        foreach (var key in votes.Keys.Where(k => k.Round < floor).ToList())
        {
            votes.Remove(key);
        }

        foreach (var key in timeouts.Keys.Where(r => r < floor).ToList())
        {
            timeouts.Remove(key);
        }

        foreach (var key in signedProposalByRound.Keys.Where(r => r < floor).ToList())
        {
            signedProposalByRound.Remove(key);
        }

        verifiedTimeoutRounds.RemoveWhere(r => r < floor);
        foreach (var key in votersByRound.Keys.Where(r => r < floor).ToList())
        {
            votersByRound.Remove(key);
        }
    }

    /// <summary>Votes held while their certificates form; bounded by validators × rounds in the window.</summary>
    internal int BufferedVotes => votes.Values.Sum(v => v.Count);

    private bool InWindow(ulong round) => round + 2 >= currentRound && round <= currentRound + options.FutureRoundWindow;

    private void TryPropose()
    {
        // A leader votes for its own proposal, so a round at or below lastVotedRound may already have one of ours.
        if (self < 0 || validators.LeaderOf(currentRound) != self || proposedRound >= currentRound || currentRound <= lastVotedRound)
        {
            return;
        }

        TimeoutCertificate? tc = null;
        if (highQc.Round + 1 != currentRound)
        {
            // After a timeout the leader must extend a certificate at least as high as any in the TC.
            if (lastRoundTimeout is null || highQc.Round < lastRoundTimeout.MaxHighQcRound)
            {
                return;
            }

            tc = lastRoundTimeout;
        }

        var parent = Lookup(highQc.BlockHash);
        if (parent is null)
        {
            return;
        }

        var inFlight = new HashSet<Hash32>();
        for (var b = parent; b.Height > CommittedHeight; b = Lookup(b.Parent)!)
        {
            inFlight.UnionWith(b.TransactionIds);
        }

        // At most one validator-set change per block; a second one waits for the next epoch's check.
        var transactions = mempool.Take(options.MaxBlockTransactions, options.MaxBlockBytes, inFlight, IsAdmissible);
        // An idle leader (nothing to propose, nothing uncommitted to carry to its commit, and no fresh commit that the
        // others learn of only from its next proposal) waits before an empty block, longer the longer the chain has
        // been idle (ConsensusNode.Idle.cs); a new transaction, a wake or the end of the wait proposes at once
        // (Submit, OnWake and Tick try again).
        if (transactions.Count == 0 && ChainIsIdle(parent) && ticksInRound < IdleWaitTicks(parent))
        {
            return;
        }

        var firstChange = transactions.Find(t => TryDecodeChange(t.Tx) is not null).Tx;
        transactions.RemoveAll(t => !ReferenceEquals(t.Tx, firstChange) && TryDecodeChange(t.Tx) is not null);
        var block = new Block(epoch, currentRound, parent.Height + 1, Math.Max(parent.Timestamp, now), (ushort)self, highQc,
            [.. transactions.Select(t => t.Tx)], [.. transactions.Select(t => t.Hash)], HeadForProposal());
        var signature = identity.Signer.Sign(SigningPayloads.Proposal(chainId, epoch, block.Hash));
        proposedRound = currentRound;
        var proposal = new ProposalMessage(block, tc, signature);
        Broadcast(proposal);
        OnProposal(identity.Peer, proposal);
    }

    private void OnProposal(int from, ProposalMessage proposal)
    {
        var block = proposal.Block;
        if (block.Epoch != epoch || block.Justify is null)
        {
            Reject(from, "proposal for another epoch or without a certificate");
            return;
        }

        if (block.Proposer != validators.LeaderOf(block.Round) || block.Round <= block.Justify.Round)
        {
            Reject(from, $"proposal for round {block.Round} from a validator that does not lead it");
            return;
        }

        if (!verifier.Verify(validators.PublicKeys[block.Proposer], SigningPayloads.Proposal(chainId, epoch, block.Hash), proposal.Signature))
        {
            Reject(from, "proposal signature does not verify");
            return;
        }

        if (!CheckCertificate(block.Justify))
        {
            Reject(from, "proposal carries an invalid quorum certificate");
            return;
        }

        if (proposal.LastRoundTimeout is { } tc)
        {
            if (tc.Round + 1 != block.Round || !CheckTimeoutCertificate(tc))
            {
                Reject(from, "proposal carries an invalid timeout certificate");
                return;
            }

            OnTimeoutCertificate(tc);
        }

        signedProposalByRound.TryAdd(block.Round, block.Hash);
        RememberCertificate(block.Justify, from);
        AcceptBlock(block, from);
    }

    /// <summary>The voting rule: once per round, only for the current round's signed proposal, never below the lock.</summary>
    private void TryVote(Block block)
    {
        if (self < 0 || block.Epoch != epoch || block.Round != currentRound || block.Round <= lastVotedRound ||
            block.Justify!.Round < preferredRound || !signedProposalByRound.TryGetValue(block.Round, out var hash) ||
            hash != block.Hash || !pending.ContainsKey(block.Hash) || !PayloadIsValid(block) || !TimestampIsValid(block) ||
            !CertifiedHeadIsValid(block))
        {
            return;
        }

        NoteChainHead(block);
        lastVotedRound = block.Round;
        var signature = identity.Signer.Sign(SigningPayloads.Vote(chainId, epoch, block.Round, block.Hash));
        var vote = new VoteMessage(epoch, block.Round, block.Hash, (ushort)self, signature, OwnAttestation());
        Broadcast(vote);
        ObserveAttestation(vote, identity.Peer, verified: true);
        AddVote(vote, identity.Peer);
    }

    /// <summary>Block time never runs backwards, and never ahead of this validator's clock by more than the allowed skew.</summary>
    private bool TimestampIsValid(Block block) =>
        block.Timestamp >= Lookup(block.Parent)!.Timestamp && block.Timestamp <= now + options.MaxClockSkewSeconds;

    private void OnVote(int from, VoteMessage vote)
    {
        if (vote.Epoch != epoch || vote.Voter >= validators.Count || !InWindow(vote.Round))
        {
            return;
        }

        if (verifiedCertificates.Contains((vote.Round, vote.BlockHash)))
        {
            return;
        }

        var payload = SigningPayloads.Vote(chainId, epoch, vote.Round, vote.BlockHash);
        if (!verifier.Verify(validators.PublicKeys[vote.Voter], payload, vote.Signature))
        {
            Reject(from, $"vote signature of validator {vote.Voter} does not verify");
            return;
        }

        ObserveAttestation(vote, from, verified: false);
        AddVote(vote, from);
    }

    private void AddVote(VoteMessage vote, int from)
    {
        if (vote.Epoch != epoch)
        {
            return;
        }

        // One vote per validator per round is kept: an honest validator never sends two, and keeping only the first
        // bounds what a Byzantine one can make this node store.
        if (!votersByRound.TryGetValue(vote.Round, out var voters))
        {
            votersByRound[vote.Round] = voters = [];
        }

        if (!voters.Add(vote.Voter))
        {
            return;
        }

        var key = (vote.Round, vote.BlockHash);
        if (!votes.TryGetValue(key, out var signatures))
        {
            votes[key] = signatures = [];
        }

        signatures.TryAdd(vote.Voter, vote.Signature);
        if (signatures.Count < validators.Quorum || verifiedCertificates.Contains(key))
        {
            return;
        }

        var qc = new QuorumCertificate(epoch, vote.Round, vote.BlockHash,
            [.. signatures.Select(kv => new ValidatorSignature(kv.Key, kv.Value))]);
        verifiedCertificates.Add(key);
        votes.Remove(key);
        RememberCertificate(qc, from);
    }

    private void LocalTimeout()
    {
        ticksInRound = 0;
        if (self < 0)
        {
            // A follower has no vote; it asks a peer about its tip instead, which also tells it of any epoch it missed.
            Send(NextPeer(identity.Peer + (int)(ticks % identity.PeerCount)), new BlockRequestMessage(epoch, committedTip.Hash, CommittedHeight));
            return;
        }

        if (ownTimeout is { } previous && previous.Round == currentRound)
        {
            // Still stuck: say it again, since the first copy may have been lost.
            Broadcast(previous);
            consecutiveTimeouts++;
            return;
        }

        lastVotedRound = Math.Max(lastVotedRound, currentRound);
        consecutiveTimeouts++;
        var signature = identity.Signer.Sign(SigningPayloads.Timeout(chainId, epoch, currentRound, highQc.Round));
        ownTimeout = new TimeoutMessage(epoch, currentRound, (ushort)self, highQc, lastRoundTimeout, signature);
        Broadcast(ownTimeout);
        AddTimeout(ownTimeout);
    }

    private void OnTimeout(int from, TimeoutMessage timeout)
    {
        if (timeout.Epoch != epoch || timeout.Voter >= validators.Count || !InWindow(timeout.Round) ||
            timeout.HighQc.Round >= timeout.Round)
        {
            return;
        }

        var payload = SigningPayloads.Timeout(chainId, epoch, timeout.Round, timeout.HighQc.Round);
        if (!verifier.Verify(validators.PublicKeys[timeout.Voter], payload, timeout.Signature))
        {
            Reject(from, $"timeout signature of validator {timeout.Voter} does not verify");
            return;
        }

        if (!CheckCertificate(timeout.HighQc))
        {
            Reject(from, "timeout carries an invalid quorum certificate");
            return;
        }

        if (timeout.LastRoundTimeout is { } tc)
        {
            if (tc.Round + 1 != timeout.Round || !CheckTimeoutCertificate(tc))
            {
                Reject(from, "timeout carries an invalid timeout certificate");
                return;
            }

            OnTimeoutCertificate(tc);
        }

        RememberCertificate(timeout.HighQc, from);
        AddTimeout(timeout);
    }

    private void AddTimeout(TimeoutMessage timeout)
    {
        if (timeout.Epoch != epoch)
        {
            return;
        }

        if (!timeouts.TryGetValue(timeout.Round, out var entries))
        {
            timeouts[timeout.Round] = entries = [];
        }

        if (!entries.TryAdd(timeout.Voter, new TimeoutSignature(timeout.Voter, timeout.HighQc.Round, timeout.Signature)))
        {
            return;
        }

        if (timeout.Round < currentRound)
        {
            return;
        }

        if (entries.Count >= validators.MaxFaulty + 1 && (ownTimeout is null || ownTimeout.Round != timeout.Round))
        {
            // f+1 timeouts include an honest one: join it rather than wait out our own timer.
            EnterRound(timeout.Round, progress: false);
            if (currentRound == timeout.Round && ownTimeout is null)
            {
                LocalTimeout();
                return;
            }
        }

        if (entries.Count >= validators.Quorum)
        {
            verifiedTimeoutRounds.Add(timeout.Round);
            OnTimeoutCertificate(new TimeoutCertificate(epoch, timeout.Round, [.. entries.Values]));
        }
    }

    private bool CheckTimeoutCertificate(TimeoutCertificate tc)
    {
        if (tc.Epoch == epoch && verifiedTimeoutRounds.Contains(tc.Round))
        {
            return true;
        }

        if (!tc.IsValid(chainId, epoch, validators, verifier))
        {
            return false;
        }

        verifiedTimeoutRounds.Add(tc.Round);
        return true;
    }

    private void OnTimeoutCertificate(TimeoutCertificate tc)
    {
        if (tc.Epoch != epoch || tc.Round + 1 < currentRound)
        {
            return;
        }

        if (lastRoundTimeout is null || lastRoundTimeout.Round < tc.Round)
        {
            lastRoundTimeout = tc;
        }

        EnterRound(tc.Round + 1, progress: false);
        TryPropose();
    }
}
