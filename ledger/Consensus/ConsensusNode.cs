using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// One node's consensus core: a deterministic state machine for a chained HotStuff protocol (3-chain commit with
/// consecutive rounds, LibraBFT-style locking) with a timeout-certificate pacemaker and epoch changes. Inputs are
/// <see cref="Receive(int, ReadOnlySpan{byte})"/>, <see cref="Tick"/> and <see cref="Submit"/>; outputs are drained
/// from <see cref="DrainOutbox"/>, <see cref="DrainCommits"/> and <see cref="DrainRejections"/>. It performs no I/O
/// and reads no clock. After every input the host must persist <see cref="Safety"/>, the newly committed blocks,
/// <see cref="UncommittedBlocks"/> and <see cref="EpochChanges"/> before it sends the outbox (docs/consensus.md).
/// </summary>
public sealed partial class ConsensusNode
{
    private readonly GenesisConfig genesis;
    private readonly ConsensusOptions options;
    private readonly NodeIdentity identity;
    private readonly ISignatureVerifier verifier;
    private readonly Hash32 chainId;

    // The newest committed blocks, oldest first; with an archive only the last options.CommittedWindow stay.
    private readonly Queue<(Block Block, long Bytes)> recentCommitted = new();
    private readonly Dictionary<Hash32, Block> committedByHash = [];
    private readonly ICommittedBlockArchive? archive;
    private readonly List<EpochChangeMessage> epochChanges = [];
    private readonly Mempool mempool;

    private readonly List<OutboundMessage> outbox = [];
    private readonly List<Block> newlyCommitted = [];
    private readonly List<RejectedMessage> rejections = [];

    private Block committedTip = null!;
    private long recentCommittedBytes;
    private ulong committedHeight;
    private ulong epoch;
    private ValidatorSet validators;
    private Hash32 epochRoot;

    // This node's index in the current validator set, or -1 while it only follows the chain.
    private int self;

    private long now;
    private ulong lastVotedRound;
    private ulong preferredRound;
    private QuorumCertificate highQc;

    public ConsensusNode(
        GenesisConfig genesis,
        NodeIdentity identity,
        ISignatureVerifier verifier,
        ConsensusOptions? options = null,
        PersistedConsensusState? persisted = null,
        ITreeHeadSource? heads = null,
        ICommittedBlockArchive? archive = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentOutOfRangeException.ThrowIfNegative(identity.Peer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(identity.Peer, identity.PeerCount);
        this.genesis = genesis;
        this.identity = identity;
        this.verifier = verifier;
        this.options = options ?? new ConsensusOptions();
        this.heads = heads;
        this.archive = archive;
        chainId = genesis.ChainId;
        mempool = new Mempool(this.options.MaxPendingTransactions, this.options.MaxPendingBytes);
        validators = genesis.Validators;
        epochRoot = genesis.Block.Hash;
        self = validators.IndexOf(identity.PublicKey);

        RestoreCommittedChain(persisted?.CommittedChain);
        epochChanges.AddRange((persisted?.EpochChanges ?? []).Take((int)epoch));
        highQc = QuorumCertificate.Root(epoch, epochRoot);
        if (committedTip.Hash != epochRoot && committedTip.Justify is { } tipJustify && tipJustify.Epoch == epoch)
        {
            // The tip's own certificate names its parent, which is committed and therefore known.
            highQc = tipJustify;
        }

        var safety = persisted?.Safety is { } s && s.Epoch == epoch ? s : null;
        if (safety is not null)
        {
            lastVotedRound = safety.LastVotedRound;
            preferredRound = safety.PreferredRound;
        }

        // Blocks this node voted for or locked on may exist nowhere else once their voters restart.
        foreach (var block in (persisted?.UncommittedBlocks ?? []).OrderBy(b => b.Height))
        {
            if (block.Epoch == epoch && block.Justify is { } justify && CheckCertificate(justify))
            {
                AcceptBlock(block, identity.Peer);
            }
        }

        if (safety is not null && CheckCertificate(safety.HighQc))
        {
            RememberCertificate(safety.HighQc, NextPeer(identity.Peer));
        }

        // Not past lastVotedRound: a round without a certificate for its predecessor would strand this node alone;
        // the voting rule already stops it from voting twice.
        EnterRound(highQc.Round + 1, progress: false);
    }

    public ulong Epoch => epoch;

    public ValidatorSet Validators => validators;

    /// <summary>This node's index in the current validator set, or -1 if it is not a validator this epoch.</summary>
    public int ValidatorIndex => self;

    public ulong CurrentRound => currentRound;

    public ulong CommittedHeight => committedHeight;

    public Block CommittedTip => committedTip;

    /// <summary>The committed blocks held in memory, oldest first, ending at <see cref="CommittedTip"/>.</summary>
    public IEnumerable<Block> RecentCommittedBlocks => recentCommitted.Select(entry => entry.Block);

    public int PendingTransactions => mempool.Count;

    /// <summary>The state to persist after each step; see the class remarks.</summary>
    public SafetyState Safety => new(epoch, lastVotedRound, preferredRound, highQc);

    /// <summary>The certified-but-uncommitted block tree, persisted with <see cref="Safety"/>.</summary>
    public IReadOnlyCollection<Block> UncommittedBlocks => pending.Values;

    /// <summary>Proof of each past epoch change, index e proving the end of epoch e.</summary>
    public IReadOnlyList<EpochChangeMessage> EpochChanges => epochChanges;

    /// <summary>A one-line summary of the pacemaker and locks, for logs and failure reports.</summary>
    public string Describe() =>
        $"p{identity.Peer} e{epoch}/v{self} h{CommittedHeight} r{currentRound} t{ticksInRound}/{CurrentTimeoutTicks} voted{lastVotedRound} " +
        $"pref{preferredRound} hqc{highQc.Round} tc{lastRoundTimeout?.Round.ToString() ?? "-"} to{ownTimeout?.Round.ToString() ?? "-"} " +
        $"pending{pending.Count} missing{missing.Count} orphans{orphans.Count} mempool{mempool.Count}";

    /// <summary>Offers a client transaction for a future block. False if it is a duplicate, oversized, an invalid
    /// validator-set change, or the pool is full.</summary>
    public bool Submit(byte[] transaction) => Submit(transaction, Hash32.Compute(transaction));

    /// <summary><see cref="Submit(byte[])"/> for a caller that holds the transaction's id (its SM3) already.</summary>
    public bool Submit(byte[] transaction, Hash32 id)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Length is 0 or > Block.MaxTransactionBytes || !IsAdmissible(transaction) || !mempool.Add(transaction, id))
        {
            return false;
        }

        TryPropose();
        WakeIdleLeader();
        return true;
    }

    /// <summary>Handles bytes from a peer; malformed or invalid input is dropped and reported in <see cref="DrainRejections"/>.</summary>
    public void Receive(int fromPeer, ReadOnlySpan<byte> payload)
    {
        ConsensusMessage message;
        try
        {
            message = ConsensusMessage.Decode(payload);
        }
        catch (LedgerFormatException ex)
        {
            Reject(fromPeer, "malformed: " + ex.Message);
            return;
        }

        Receive(fromPeer, message);
    }

    public void Receive(int fromPeer, ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (fromPeer < 0 || fromPeer >= identity.PeerCount || fromPeer == identity.Peer)
        {
            throw new ArgumentOutOfRangeException(nameof(fromPeer), fromPeer, "not a peer of this node");
        }

        var messageEpoch = message switch
        {
            ProposalMessage p => p.Block.Epoch,
            VoteMessage v => v.Epoch,
            TimeoutMessage t => t.Epoch,
            BlockRequestMessage r => r.Epoch,
            EpochChangeMessage c => c.Epoch,
            WakeMessage w => w.Epoch,
            _ => epoch,
        };

        if (messageEpoch < epoch)
        {
            SendEpochChange(fromPeer, messageEpoch);
            if (message is not BlockRequestMessage)
            {
                return;
            }
        }
        else if (messageEpoch > epoch)
        {
            // We are behind; the sender will answer our own messages with the epoch change we missed.
            return;
        }

        switch (message)
        {
            case ProposalMessage p:
                OnProposal(fromPeer, p);
                break;
            case VoteMessage v:
                OnVote(fromPeer, v);
                break;
            case TimeoutMessage t:
                OnTimeout(fromPeer, t);
                break;
            case BlockRequestMessage r:
                OnBlockRequest(fromPeer, r);
                break;
            case BlockResponseMessage r:
                OnBlockResponse(fromPeer, r);
                break;
            case EpochChangeMessage c:
                OnEpochChange(fromPeer, c);
                break;
            case WakeMessage w:
                OnWake(w);
                break;
            default:
                Reject(fromPeer, "unsupported message type");
                break;
        }
    }

    /// <summary>
    /// Advances the pacemaker by one tick: round timeouts and block-request retries. <paramref name="unixTime"/> is the
    /// host's clock reading, an input like any other: leaders stamp blocks with it and voters bound block times by it.
    /// </summary>
    public void Tick(long unixTime)
    {
        now = Math.Max(now, unixTime);
        ticks++;
        ticksInRound++;
        blockSyncBytesServed.Clear();
        RetryBlockRequests();
        if (ticksInRound >= CurrentTimeoutTicks + IdleAllowanceTicks())
        {
            LocalTimeout();
        }
        else
        {
            TryPropose();
            WakeIdleLeader();
        }
    }

    public Hash32 ChainId => chainId;

    public List<OutboundMessage> DrainOutbox() => Drain(outbox);

    /// <summary>
    /// The blocks committed since the last call, oldest first; the host persists them before the next input. Blocks
    /// past the window leave memory here, since from the next input on the archive has them.
    /// </summary>
    public List<Block> DrainCommits()
    {
        TrimCommittedWindow();
        return Drain(newlyCommitted);
    }

    public List<RejectedMessage> DrainRejections() => Drain(rejections);

    private static List<T> Drain<T>(List<T> list)
    {
        var copy = new List<T>(list);
        list.Clear();
        return copy;
    }

    private void RestoreCommittedChain(IEnumerable<Block>? chain)
    {
        Block? previous = null;
        foreach (var block in chain ?? [])
        {
            if (previous is null)
            {
                if (block.Hash != genesis.Block.Hash)
                {
                    throw new ArgumentException("the persisted chain does not start at this genesis", nameof(chain));
                }
            }
            else if (block.Height <= previous.Height || block.Epoch != epoch ||
                     (block.Height == previous.Height + 1 && block.Parent != previous.Hash))
            {
                throw new ArgumentException($"the persisted chain is broken at height {block.Height}", nameof(chain));
            }

            AppendCommitted(block);
            if (previous is not null && ValidChangeIn(block) is { } change)
            {
                SwitchValidators(change, block);
            }

            previous = block;
            TrimCommittedWindow();
        }

        if (previous is null)
        {
            AppendCommitted(genesis.Block);
        }
    }

    private void TrimCommittedWindow()
    {
        while (archive is not null && recentCommitted.Count > 1 &&
               (recentCommitted.Count > options.CommittedWindow || recentCommittedBytes > options.CommittedWindowBytes))
        {
            var (block, bytes) = recentCommitted.Dequeue();
            committedByHash.Remove(block.Hash);
            recentCommittedBytes -= bytes;
        }
    }

    private void AppendCommitted(Block block)
    {
        var bytes = 0L;
        foreach (var tx in block.Transactions)
        {
            bytes += tx.Length;
        }

        recentCommitted.Enqueue((block, bytes));
        recentCommittedBytes += bytes;
        committedByHash[block.Hash] = block;
        committedTip = block;
        committedHeight = block.Height;
    }

    private int NextPeer(int peer)
    {
        var next = (peer + 1) % identity.PeerCount;
        return next == identity.Peer ? (next + 1) % identity.PeerCount : next;
    }

    private void Broadcast(ConsensusMessage message) => outbox.Add(new OutboundMessage(null, message));

    private void Send(int to, ConsensusMessage message) => outbox.Add(new OutboundMessage(to, message));

    private void Reject(int fromPeer, string reason) => rejections.Add(new RejectedMessage(fromPeer, reason));
}
