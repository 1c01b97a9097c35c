using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Storage;

namespace GovChain.Ledger.Node;

/// <summary>
/// A validator's core with its storage: it feeds inputs to the consensus state machine and, after each one, stores
/// the newly committed blocks and the consensus state before handing back the messages to send — the write-ahead rule
/// of docs/consensus.md §7. It applies the stored blocks too, unless opened for a host that applies them on a thread
/// of its own. Transport is the caller's; this class does no network I/O.
/// </summary>
public sealed class LedgerNode : IDisposable
{
    private readonly ConsensusNode consensus;
    private readonly List<Block> committed = [];
    private readonly bool applyCommits;

    private LedgerNode(CommittedLedger ledger, ConsensusNode consensus, bool applyCommits)
    {
        Ledger = ledger;
        this.consensus = consensus;
        this.applyCommits = applyCommits;
    }

    public CommittedLedger Ledger { get; }

    public ConsensusNode Consensus => consensus;

    /// <summary>
    /// Opens (or creates) the node's data directory and restarts consensus from what it holds. With
    /// <paramref name="applyCommits"/> false the node only stores committed blocks, and the host applies each one that
    /// <see cref="DrainCommittedBlocks"/> hands out, in order (<see cref="CommittedLedger.ApplyStored"/>).
    /// </summary>
    public static LedgerNode Open(
        string directory,
        GenesisConfig genesis,
        NodeIdentity identity,
        ISignatureVerifier verifier,
        IEnumerable<(string Id, byte[] PublicKey)> genesisAgencies,
        ConsensusOptions? options = null,
        LedgerMemory? memory = null,
        bool applyCommits = true)
    {
        var ledger = CommittedLedger.Open(directory, genesis, verifier, genesisAgencies, memory);
        try
        {
            var consensus = new ConsensusNode(genesis, identity, verifier, options, ledger.ConsensusState((options ?? new ConsensusOptions()).CommittedWindow), ledger, ledger);
            var node = new LedgerNode(ledger, consensus, applyCommits);
            node.Persist();
            return node;
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
    }

    public bool Submit(byte[] transaction) => consensus.Submit(transaction);

    /// <summary><see cref="Submit(byte[])"/> for a caller that holds the transaction's id (its SM3) already.</summary>
    public bool Submit(byte[] transaction, Hash32 id) => consensus.Submit(transaction, id);

    public List<OutboundMessage> Receive(int fromPeer, ReadOnlySpan<byte> payload)
    {
        consensus.Receive(fromPeer, payload);
        return Persist();
    }

    /// <summary>
    /// Feeds several peer messages (and optionally a tick) before persisting once: group commit for a busy host. The
    /// write-ahead rule holds as for single inputs — nothing of the returned outbox has left the process yet.
    /// </summary>
    public List<OutboundMessage> ReceiveBatch(IEnumerable<(int FromPeer, byte[] Payload)> messages, long? tickUnixTime)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var (from, payload) in messages)
        {
            consensus.Receive(from, payload);
        }

        if (tickUnixTime is { } now)
        {
            consensus.Tick(now);
        }

        return Persist();
    }

    public List<OutboundMessage> Tick(long unixTime)
    {
        consensus.Tick(unixTime);
        return Persist();
    }

    /// <summary>The blocks stored since the last call, in height order: for a host to apply, or to answer waiting clients without re-reading them.</summary>
    public List<Block> DrainCommittedBlocks()
    {
        var blocks = new List<Block>(committed);
        committed.Clear();
        return blocks;
    }

    /// <summary>Messages the core dropped and why, for peer scoring and logs.</summary>
    public List<RejectedMessage> DrainRejections() => consensus.DrainRejections();

    public void Dispose() => Ledger.Dispose();

    private List<OutboundMessage> Persist()
    {
        var blocks = consensus.DrainCommits();
        Ledger.StoreBlocks(blocks, consensus.Safety, consensus.UncommittedBlocks, consensus.EpochChanges);
        if (applyCommits)
        {
            blocks.ForEach(block => Ledger.ApplyStored(block));
        }

        committed.AddRange(blocks);
        return consensus.DrainOutbox();
    }
}
