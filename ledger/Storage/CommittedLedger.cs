using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Storage;

/// <summary>
/// A node's committed ledger: the system contracts, the transparency log and their RocksDB store, advanced one
/// committed block at a time. Every accepted transaction becomes a log leaf and is indexed for audit trails. A
/// block's body is stored first (<see cref="StoreBlock"/>); its transaction outcomes, trail entries, new Merkle
/// nodes, the state records it wrote, the state digest and root and the tree head follow in one atomic batch when it
/// is applied (<see cref="ApplyStored"/>). Opening an existing directory loads the state digest (records are read from
/// the store as needed) and the log's upper levels (one stored hash per 64 leaves), checking them against the stored
/// state root and tree head, and applies stored blocks above them, so a restarted node recovers on its own without
/// replaying the chain or rehashing the log.
/// </summary>
public sealed class CommittedLedger : IDisposable, ITreeHeadSource, ICommittedBlockArchive
{
    /// <summary>Ids of admitted transactions kept per generation (two generations, a few MiB), so their commit here
    /// skips the verification.</summary>
    private const int AdmittedGenerationSize = 65_536;

    // Slots for the newest logged records: beyond the default buffer's ≈ 750,000 batch-signed records (≈ 1.7 million
    // individually signed ones fill them first), so the bytes (LedgerMemory.RecentRecordsMiB) bound it.
    private const int RecentLeafSlots = 1 << 21;

    private readonly LedgerStore store;
    private readonly GenesisConfig genesis;
    private readonly GenerationalCache<Hash32, bool> admitted = new(AdmittedGenerationSize);
    private readonly RecentLeaves recent;
    private TreeHead publishedHead = new(0, MerkleHasher.Sm3.EmptyRoot(), 0, Hash32.Zero);
    private long storedHeight = -1;
    private SignedTreeHead? publishedQuorumHead;

    private CommittedLedger(LedgerStore store, GenesisConfig genesis, AuditStateMachine machine, LedgerMemory memory)
    {
        this.store = store;
        this.genesis = genesis;
        Machine = machine;
        recent = new RecentLeaves(memory.RecentRecordBytes, RecentLeafSlots);
        Log = new MerkleTree(MerkleHasher.Sm3, store, memory.MerkleChunks);
    }

    public AuditStateMachine Machine { get; }

    public MerkleTree Log { get; }

    public LedgerStore Store => store;

    /// <summary>The height of the newest applied block: state, outcomes, trails and <see cref="Head"/> are up to it.</summary>
    public long Height { get; private set; } = -1;

    /// <summary>The height of the newest block whose body is stored, applied or not (never below <see cref="Height"/>).</summary>
    public long StoredHeight => Volatile.Read(ref storedHeight);

    public TreeHead Head
    {
        get => Volatile.Read(ref publishedHead);
        private set => Volatile.Write(ref publishedHead, value);
    }

    /// <summary>
    /// The newest head a committed block carries signed by 2f+1 validators (docs/consensus.md §2), if it matches this
    /// log; null until one commits. One validator's trail under it convinces an auditor.
    /// </summary>
    public SignedTreeHead? QuorumHead
    {
        get => Volatile.Read(ref publishedQuorumHead);
        private set => Volatile.Write(ref publishedQuorumHead, value);
    }

    TreeHead? ITreeHeadSource.Latest => Head;

    public static CommittedLedger Open(
        string directory,
        GenesisConfig genesis,
        ISignatureVerifier verifier,
        IEnumerable<(string Id, byte[] PublicKey)> genesisAgencies,
        LedgerMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        memory ??= LedgerMemory.Default;
        memory.Validate();
        var store = LedgerStore.Open(directory);
        try
        {
            var digest = store.ReadStateDigest() is { } stored ? StateDigest.Decode(stored) : new StateDigest();
            var machine = new AuditStateMachine(genesis.ChainId, verifier, genesisAgencies, new AuditState(store, digest));
            var ledger = new CommittedLedger(store, genesis, machine, memory);

            ledger.Recover();
            return ledger;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Why a submitted transaction could never apply whatever the state (malformed, or its signature does not verify),
    /// or null if it may. One that passes is remembered by id (its SM3), so when its block commits here its signature
    /// is not verified again. Reads no state: safe on any thread while blocks commit.
    /// </summary>
    public string? Admit(byte[] transaction) => Admit(transaction, Hash32.Compute(transaction));

    /// <summary><see cref="Admit(byte[])"/> for a transaction whose id (its SM3) the caller already holds.</summary>
    public string? Admit(byte[] transaction, Hash32 id)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var check = Machine.Check(transaction, id);
        if (check.Transaction is not null)
        {
            admitted.Add(id, true);
        }

        return check.Error;
    }

    /// <summary>Stores and applies the next committed block; its timestamp is the time the contracts see.</summary>
    public IReadOnlyList<TransactionResult> Commit(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if ((long)block.Height == StoredHeight + 1)
        {
            StoreBlock(block);
        }

        return ApplyStored(block);
    }

    /// <summary>
    /// Makes the next committed block durable — its body, with a synced write — ahead of <see cref="ApplyStored"/>,
    /// which may run later on another thread: a ledger reopened in between applies the stored blocks itself. One
    /// caller at a time.
    /// </summary>
    public void StoreBlock(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        EnsureFollowsStored([block]);
        store.StoreBlock(block, CarriesValidatorSetChange(block));
        Volatile.Write(ref storedHeight, (long)block.Height);
    }

    /// <summary>
    /// <see cref="StoreBlock"/> for the blocks one consensus input committed, written in one synced batch with the
    /// core's state to restart from (LedgerStore.SaveConsensusState). One caller at a time.
    /// </summary>
    public void StoreBlocks(IReadOnlyList<Block> blocks, SafetyState safety, IReadOnlyCollection<Block> uncommitted, IReadOnlyList<EpochChangeMessage> epochChanges)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        EnsureFollowsStored(blocks);
        store.SaveConsensusState(safety, uncommitted, epochChanges, [.. blocks.Select(b => (b, CarriesValidatorSetChange(b)))]);
        if (blocks.Count > 0)
        {
            Volatile.Write(ref storedHeight, (long)blocks[^1].Height);
        }
    }

    private void EnsureFollowsStored(IReadOnlyList<Block> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if ((long)blocks[i].Height != StoredHeight + 1 + i)
            {
                throw new ArgumentException($"block at height {blocks[i].Height} does not follow the stored height {StoredHeight + i}", nameof(blocks));
            }
        }
    }

    /// <summary>
    /// Applies the next stored block and writes what it derives (outcomes, leaves, trail indexes, Merkle nodes,
    /// state, heads), then publishes its head. The thread that calls it owns <see cref="Machine"/>'s state.
    /// </summary>
    public IReadOnlyList<TransactionResult> ApplyStored(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if ((long)block.Height != Height + 1 || (long)block.Height > StoredHeight)
        {
            throw new ArgumentException($"block at height {block.Height} is not the next stored block (applied {Height}, stored {StoredHeight})", nameof(block));
        }

        var (commit, results) = Apply(block);
        store.StoreDerived(commit);
        Log.MarkStored(Log.Size);
        foreach (var (leaf, data) in commit.LeafData)
        {
            recent.Append(leaf, data);
        }

        Publish(commit);
        return results;
    }

    /// <summary>
    /// What the consensus core needs to restart: of the committed chain, genesis, every block that carries a
    /// validator-set change (the core re-derives the validators from them) and the newest <paramref name="recentBlocks"/>,
    /// read from the store as the core walks them (it finds the rest here later); and its own persisted state.
    /// </summary>
    public PersistedConsensusState ConsensusState(int recentBlocks = 256) =>
        new(StoredChain(Height, recentBlocks), store.ReadSafety(), store.ReadUncommittedBlocks(), store.ReadEpochChanges());

    Block? ICommittedBlockArchive.Find(Hash32 hash) =>
        store.ReadBlockHeight(hash) is { } height && height <= StoredHeight ? store.ReadBlock(height) : null;

    /// <summary>The trail under a key (its first <see cref="TrailQuery.MaxLimit"/> records), proven against the current head.</summary>
    public List<(long Leaf, byte[] Record, InclusionProof Proof)> Trail(TrailIndex index, string key) =>
        Trail(new TrailQuery(index, key, 0, TrailQuery.MaxLimit), Head, int.MaxValue).Records;

    /// <summary>
    /// One page of a trail, each record with its inclusion proof against <paramref name="head"/>, a head this ledger
    /// published. Safe while another thread commits: the store and log only grow, and records logged after the head
    /// are left out. The page ends after <see cref="TrailQuery.Limit"/> records, or earlier where its records and proofs
    /// would pass <paramref name="maxBytes"/> (it always holds one record if there is one); <c>NextFromLeaf</c> is then the
    /// first leaf left out, and null when the trail ends within the page.
    /// </summary>
    public (List<(long Leaf, byte[] Record, InclusionProof Proof)> Records, long? NextFromLeaf) Trail(TrailQuery query, TreeHead head, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(head);
        var (leaves, next) = store.Trail(query, head.TreeSize);
        var records = ReadLeaves(leaves);
        var proofBytes = 64 + (Hash32.Size * (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)head.TreeSize)));
        long bytes = 0;
        for (var i = 1; i < leaves.Count; i++)
        {
            bytes += (records[i - 1]?.Length ?? 0) + proofBytes;
            if (bytes + (records[i]?.Length ?? 0) + proofBytes > maxBytes)
            {
                next = leaves[i];
                leaves.RemoveRange(i, leaves.Count - i);
                break;
            }
        }

        var proofs = Log.InclusionProofs(leaves, head.TreeSize);
        var trail = new List<(long, byte[], InclusionProof)>(leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            trail.Add((leaves[i], records[i] ?? throw new LedgerFormatException($"the store lacks the record of leaf {leaves[i]}"), proofs[i]));
        }

        return (trail, next);
    }

    public void Dispose() => store.Dispose();

    /// <summary>Whether a trail would read this leaf's record from memory rather than from the store.</summary>
    internal bool HoldsRecentRecord(long leaf) => recent.TryRead(leaf) is not null;

    /// <summary>Logged records from the recent ones held in memory, the rest in one store read.</summary>
    private byte[]?[] ReadLeaves(List<long> leaves)
    {
        var records = new byte[]?[leaves.Count];
        var missing = new List<int>();
        for (var i = 0; i < records.Length; i++)
        {
            if ((records[i] = recent.TryRead(leaves[i])) is null)
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var stored = store.ReadLeaves([.. missing.Select(i => leaves[i])]);
            for (var j = 0; j < missing.Count; j++)
            {
                records[missing[j]] = stored[j];
            }
        }

        return records;
    }

    /// <summary>Makes a stored block's results visible: readers on other threads take a head first and then read up to it.</summary>
    private void Publish(BlockCommit commit)
    {
        Height = (long)commit.Block.Height;
        Head = commit.TreeHead;
        QuorumHead = commit.NewQuorumHead ?? QuorumHead;
    }

    /// <summary>The block's quorum-signed head, if it is newer than the one held and this log had exactly that root at that size.</summary>
    private SignedTreeHead? NewQuorumHead(Block block) =>
        block.CertifiedHead is { } signed && signed.Head.TreeSize > (QuorumHead?.Head.TreeSize ?? -1) &&
        signed.Head.TreeSize <= Log.Size && Log.RootAt(signed.Head.TreeSize) == signed.Head.RootHash
            ? signed
            : null;

    private void Recover()
    {
        var tip = store.TipHeight;
        var stored = store.ReadBlockIfAny(0);
        if (stored is not null && stored.Hash != genesis.Block.Hash)
        {
            throw new LedgerFormatException("the store holds another chain's genesis block");
        }

        if (tip < 0)
        {
            Commit(genesis.Block);
        }
        else if (stored is null)
        {
            throw new LedgerFormatException("no block at height 0");
        }
        else
        {
            RestoreTip(tip);
        }

        ReplayStoredBlocks();
    }

    private void RestoreTip(long tip)
    {
        if (store.ReadStateDigest() is null || store.ReadStateRoot(tip) != Machine.State.ComputeRoot())
        {
            throw new LedgerFormatException($"the stored state digest does not match the state root of block {tip}");
        }

        var head = store.ReadTreeHead() ?? throw new LedgerFormatException("the store has blocks but no tree head");
        Log.Restore(head.TreeSize);
        if (head.RootHash != Log.Root)
        {
            throw new LedgerFormatException($"the stored tree head (size {head.TreeSize}) does not match the stored Merkle nodes");
        }

        Height = tip;
        storedHeight = tip;
        Head = head;
        QuorumHead = store.ReadQuorumHead();
    }

    /// <summary>
    /// Applies again the stored blocks above the derived records' height: their bodies were durable when the process
    /// stopped, but what they derive skips the WAL and had not been flushed yet (LedgerStore.StoreDerived).
    /// </summary>
    private void ReplayStoredBlocks()
    {
        while (store.ReadBlockIfAny(Height + 1) is { } block)
        {
            storedHeight = (long)block.Height;
            ApplyStored(block);
        }
    }

    private (BlockCommit Commit, List<TransactionResult> Results) Apply(Block block)
    {
        var sizeBefore = Log.Size;
        var results = new List<TransactionResult>();
        var records = new List<(Hash32, byte[])>();
        var trail = new List<(TrailIndex, string, long)>();
        var leaves = new List<(long, byte[])>();
        var repeats = new RepeatedTransactions();

        // Signatures dominate the cost and depend on no state: check them on every core, then apply in order.
        var checkedTransactions = new CheckedTransaction[block.Transactions.Length];
        Parallel.For(0, checkedTransactions.Length, i =>
        {
            var id = block.TransactionIds[i];
            checkedTransactions[i] = admitted.TryGet(id, out _)
                ? new CheckedTransaction(id, LedgerTransaction.Decode(block.Transactions[i]), null)
                : Machine.Check(block.Transactions[i], id);
        });
        for (var position = 0; position < block.Transactions.Length; position++)
        {
            var tx = block.Transactions[position];
            var isMembershipChange = !block.IsGenesis && ValidatorSetChangeOrNull(tx) is not null;
            var result = block.IsGenesis || isMembershipChange
                ? TransactionResult.Accept(block.TransactionIds[position], block.IsGenesis ? "genesis" : "validator-set change")
                : Machine.Apply(checkedTransactions[position], block.Timestamp);
            results.Add(result);
            var leaf = -1L;
            if (result.Accepted && checkedTransactions[position].Transaction is { Payload: RecordBatch batch } batchTx)
            {
                leaf = AppendBatch(batchTx, batch, result, leaves, trail);
            }
            else if (result.Accepted)
            {
                leaf = Log.Append(tx);
                leaves.Add((leaf, tx));
                if (!block.IsGenesis && !isMembershipChange && checkedTransactions[position].Transaction is { } applied)
                {
                    TrailKeys.Add(applied, Machine.State, leaf, trail);
                }
            }

            // A transaction that committed before keeps its first outcome: a repeat (a leader may propose one again)
            // fails its nonce and must not overwrite the record of the one that took effect.
            if (!result.Accepted && repeats.IsRepeat(block, position, store))
            {
                continue;
            }

            var w = CanonicalWriter.Rent();
            w.WriteUInt64(block.Height);
            w.WriteUInt32((uint)position);
            w.WriteInt64(leaf);
            w.WriteBool(result.Accepted);
            w.WriteString(result.Reason);
            records.Add((result.TransactionId, w.ToArrayAndReturn()));
        }

        // The head names the block whose commit brought the log to its size: empty blocks leave it alone, so idle
        // validators agree on it and a quorum can sign the same head while blocks keep committing.
        var head = Log.Size != sizeBefore ? new TreeHead(Log.Size, Log.Root, block.Height, block.Hash) : Head;
        var (stateRecords, digest) = Machine.State.TakeChanges();
        var commit = new BlockCommit(block, records, trail, leaves, Log.NodesAddedSince(sizeBefore), Log.ChunksCompletedSince(sizeBefore), stateRecords, digest, Machine.State.ComputeRoot(), head, NewQuorumHead(block));
        return (commit, results);
    }

    /// <summary>
    /// Logs each accepted record of a batch as its own leaf (a <see cref="BatchedRecord"/> under the batch's actor,
    /// nonce and signature) and indexes it; returns the first leaf, or -1 if no record took effect. Leaves are built
    /// on every core and hashed together (MerkleHasher.HashLeaves), then appended in batch order. Trail keys are read
    /// after the whole batch applied.
    /// </summary>
    private long AppendBatch(LedgerTransaction tx, RecordBatch batch, TransactionResult result, List<(long, byte[])> leaves, List<(TrailIndex, string, long)> trail)
    {
        var members = result.BatchRecords.Where(o => o.Accepted).Select(o => o.Index).ToArray();
        var data = new byte[members.Length][];
        var hashes = new Hash32[members.Length];
        Parallel.For(0, members.Length, j => data[j] = new LedgerTransaction(tx.Actor, tx.Nonce, batch.Member(members[j]), tx.Signature).Encode());
        Log.Hasher.HashLeaves(data, hashes);
        var actor = Machine.State.ParticipantIdByKey(Convert.ToHexStringLower(tx.Actor))!;
        leaves.EnsureCapacity(leaves.Count + members.Length);
        trail.EnsureCapacity(trail.Count + (3 * members.Length));
        var first = members.Length > 0 ? Log.AppendLeafHashes(hashes) : -1L;
        for (var j = 0; j < members.Length; j++)
        {
            leaves.Add((first + j, data[j]));
            TrailKeys.Add(actor, batch.Records[members[j]], Machine.State, first + j, trail);
        }

        return first;
    }

    private IEnumerable<Block> StoredChain(long tip, int recentBlocks)
    {
        var recent = Math.Max(1, tip - Math.Max(1, recentBlocks) + 1);
        yield return store.ReadBlock(0);
        foreach (var h in store.ValidatorSetChangeHeights().Where(h => h > 0 && h < recent))
        {
            yield return store.ReadBlock(h);
        }

        for (var h = recent; h <= tip; h++)
        {
            yield return store.ReadBlock(h);
        }
    }

    private static bool CarriesValidatorSetChange(Block block) =>
        !block.IsGenesis && block.Transactions.Any(tx => ValidatorSetChangeOrNull(tx) is not null);

    private static ValidatorSetChange? ValidatorSetChangeOrNull(byte[] tx)
    {
        try
        {
            return ValidatorSetChange.TryDecode(tx);
        }
        catch (LedgerFormatException)
        {
            return null;
        }
    }
}
