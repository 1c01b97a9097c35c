using System.Buffers.Binary;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using RocksDbSharp;

namespace GovChain.Ledger.Storage;

/// <summary>
/// RocksDB storage. Column families: blocks (height → block, 'h' ‖ block hash → height, 'm' ‖ height → ∅ for blocks
/// carrying a validator-set change), transactions ('t' ‖ id → where and how it was
/// applied), leaves (leaf → the logged record), state (height → state root), records (table ‖ id → state record;
/// 0xFF ‖ public key hex → participant id), trail_subject / trail_bureau / trail_consent (key ‖ 0 ‖ leaf → ∅),
/// trail_time (time ‖ first leaf of a block → leaf count), merkle (level ‖ index → hash for leaves and levels 6 up;
/// 0x80 ‖ chunk → the 126 nodes of 64 leaves), consensus (safety state, uncommitted blocks, epoch
/// proofs) and meta (tip height, tree head, state digest). A committed block and everything derived from it go in one write batch.
/// </summary>
public sealed class LedgerStore : IDisposable, Application.IStateRecordSource, Transparency.IMerkleNodeSource
{
    internal const string Blocks = "blocks";
    internal const string Transactions = "transactions";
    // Leaves have their own family: their keys only grow, so each table file holds one range of them and a read
    // looks in one file, where keys mixed with random transaction ids made every read probe every recent file.
    internal const string Leaves = "leaves";
    internal const string State = "state";
    internal const string Records = "records";
    internal const string TrailSubject = "trail_subject";
    internal const string TrailBureau = "trail_bureau";
    internal const string TrailConsent = "trail_consent";
    internal const string TrailTime = "trail_time";
    internal const string Merkle = "merkle";
    internal const string ConsensusState = "consensus";
    internal const string Meta = "meta";
    private const ulong BlockCacheBytes = 192UL * 1024 * 1024;
    private const double MemtableBloomRatio = 0.02; // of the write buffer: 1.3 MiB of a 64 MiB memtable
    private const int PrepopulateOnFlush = 1; // rocksdb::BlockBasedTableOptions::PrepopulateBlockCache::kFlushOnly
    private const int MaxStackKeyBytes = 512;

    // Merkle family keys: level ‖ index for single nodes (levels 0 and 6 up), 0x80 ‖ chunk for a chunk's 126 nodes.
    private const byte MerkleChunkPrefix = 0x80;
    private const int MerkleChunkBytes = Transparency.MerkleChunks.Nodes * Hash32.Size;

    private static readonly string[] Families = [Blocks, Transactions, Leaves, State, Records, TrailSubject, TrailBureau, TrailConsent, TrailTime, Merkle, ConsensusState, Meta];
    private static readonly byte[] TipKey = "tip"u8.ToArray();
    private static readonly byte[] HeadKey = "tree_head"u8.ToArray();
    private static readonly byte[] QuorumHeadKey = "quorum_tree_head"u8.ToArray();
    private static readonly byte[] SafetyKey = "safety"u8.ToArray();
    private static readonly byte[] LayoutKey = "layout"u8.ToArray();
    private static readonly byte[] DigestKey = "state_digest"u8.ToArray();

    // Version of the key layout above. 2: logged records in the leaves family (1 kept them among the transactions).
    // 3: committed blocks also indexed by hash, for block sync from the store, and by validator-set change; state
    // records and the state digest stored, so a restart loads the state instead of replaying the chain.
    private const byte Layout = 3;

    private readonly RocksDb db;
    private readonly Dictionary<string, ColumnFamilyHandle> handles = [];
    private readonly WriteOptions syncWrites = new WriteOptions().SetSync(true);

    // What a committed block derives skips the WAL (see Commit).
    private readonly WriteOptions unloggedWrites = new WriteOptions().DisableWal(1);

    // Reused by every commit and every consensus-state save (each comes one at a time): a block's batch is megabytes,
    // and a fresh one regrows its buffer, touching new pages, for every block.
    private readonly WriteBatch blockBatch = new();
    private readonly WriteBatch commitBatch = new();
    private readonly WriteBatch consensusBatch = new();

    // Keys of the uncommitted blocks already in the consensus family, so a save writes only the new ones.
    private HashSet<string>? savedUncommitted;
    private byte[]? savedSafety;
    private int savedEpochChanges = -1;

    private LedgerStore(RocksDb db)
    {
        this.db = db;
        foreach (var name in Families)
        {
            handles[name] = db.GetColumnFamily(name);
        }
    }

    public static LedgerStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        // Flushes and compactions write around the page cache (direct I/O) where the file system allows it: copying a
        // validator's write volume into it took ≈ 10 % of the machine under a batch load, for pages nothing reads again
        // soon — the newest records are served from memory (RecentLeaves), index blocks from the block cache, warmed as
        // they are flushed.
        var options = new DbOptions().SetCreateIfMissing(true).SetCreateMissingColumnFamilies(true)
            .SetUseDirectIoForFlushAndCompaction(DirectWritesWork(directory));
        // Every family's memtable is flushed in one step, so the writes that skip the WAL (Commit) survive a crash
        // exactly up to some committed block, never one family further than another.
        Native.Instance.rocksdb_options_set_atomic_flush(options.Handle, 1);
        // Trail queries read leaves and index entries at random: one block cache for every family, large enough to
        // hold a busy node's recent records, keeps them out of read system calls; Bloom filters answer most misses.
        // A clock cache: the LRU cache's locked shard lookups were about a quarter of a trail's leaf reads.
        var cache = Native.Instance.rocksdb_cache_create_hyper_clock(new UIntPtr(BlockCacheBytes), UIntPtr.Zero);
        var tables = TableOptions(cache, warmOnFlush: false);
        // A trail's index entries enter the cache when a flush writes them: the records a node has just committed are
        // the ones auditors ask about, and reading each block from its file first (a read call, an allocation, a cache
        // insert) cost more than the rest of a trail after a heavy load. The newest records themselves are held by
        // CommittedLedger (RecentLeaves), so their blocks are not warmed twice.
        var trailTables = TableOptions(cache, warmOnFlush: true);
        Native.Instance.rocksdb_cache_destroy(cache); // the table options hold their own references
        var families = new ColumnFamilies();
        foreach (var name in Families)
        {
            // Hashes, signatures and SM3-keyed indexes do not compress; compressing them only costs CPU.
            var read = name is TrailSubject or TrailBureau or TrailConsent ? trailTables : tables;
            var family = new ColumnFamilyOptions().SetCompression(Compression.No).SetBlockBasedTableFactory(read);
            if (name is Transactions or Records)
            {
                // Most lookups here miss (is this transaction already committed? is this record id unused?): a Bloom
                // filter over the memtable's keys answers them without searching its skip list.
                Native.Instance.rocksdb_options_set_memtable_prefix_bloom_size_ratio(family.Handle, MemtableBloomRatio);
                Native.Instance.rocksdb_options_set_memtable_whole_key_filtering(family.Handle, 1);
            }

            families.Add(name, family);
        }

        var store = new LedgerStore(RocksDb.Open(options, directory, families));
        CompactionPriority.Lower();
        try
        {
            store.EnsureLayout();
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    /// <summary>
    /// Whether RocksDB can write files in <paramref name="directory"/> with direct I/O (tmpfs before Linux 6.6 and some
    /// network file systems refuse it, and a store that cannot flush stops taking writes): a throwaway database there,
    /// flushed once.
    /// </summary>
    private static bool DirectWritesWork(string directory)
    {
        var probe = Path.Combine(directory, "direct-io-probe");
        try
        {
            using var db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true).SetUseDirectIoForFlushAndCompaction(true), probe);
            db.Put("probe"u8.ToArray(), "probe"u8.ToArray());
            db.Flush(new FlushOptions().SetWaitForFlush(true));
            return true;
        }
        catch (RocksDbException)
        {
            return false;
        }
        finally
        {
            if (Directory.Exists(probe))
            {
                Directory.Delete(probe, recursive: true);
            }
        }
    }

    private static BlockBasedTableOptions TableOptions(IntPtr cache, bool warmOnFlush)
    {
        var tables = new BlockBasedTableOptions().SetFilterPolicy(BloomFilterPolicy.Create(10, false));
        Native.Instance.rocksdb_block_based_options_set_block_cache(tables.Handle, cache);
        if (warmOnFlush)
        {
            Native.Instance.rocksdb_block_based_options_set_prepopulate_block_cache(tables.Handle, PrepopulateOnFlush);
        }

        return tables;
    }

    /// <summary>
    /// Marks a new store with this layout, and refuses one written in another: its records would be read from the
    /// wrong places. A validator whose store is refused is re-initialised and catches up from its peers.
    /// </summary>
    private void EnsureLayout()
    {
        var layout = db.Get(LayoutKey, handles[Meta]);
        if (layout is null && TipHeight < 0)
        {
            db.Put(LayoutKey, new[] { Layout }, handles[Meta], syncWrites);
            return;
        }

        var found = layout is [var version] ? version : 1;
        if (found != Layout)
        {
            throw new LedgerFormatException($"the store uses key layout {found}, this node layout {Layout}: initialise a new data directory and let the node catch up from its peers");
        }
    }

    /// <summary>Height of the last committed block, or -1 for an empty store.</summary>
    public long TipHeight => db.Get(TipKey, handles[Meta]) is { } tip ? (long)BinaryPrimitives.ReadUInt64BigEndian(tip) : -1;

    public Block ReadBlock(long height) =>
        Block.Decode(db.Get(U64(height), handles[Blocks]) ?? throw new LedgerFormatException($"no block at height {height}"));

    /// <summary>A committed state record (or key-index entry), or null if there is none.</summary>
    public byte[]? ReadStateRecord(byte table, string id) =>
        db.Get(StateRecordKey(table, id, stackalloc byte[MaxStackKeyBytes]), handles[Records]);

    /// <summary>The state digest stored with the tip, or null for an empty store.</summary>
    public byte[]? ReadStateDigest() => db.Get(DigestKey, handles[Meta]);

    /// <summary>The height of the committed block with this hash, or null if none is.</summary>
    public long? ReadBlockHeight(Hash32 hash) =>
        db.Get(Key((byte)'h', hash.ToArray()), handles[Blocks]) is { } height ? (long)BinaryPrimitives.ReadUInt64BigEndian(height) : null;

    /// <summary>Heights of the committed blocks that carry a validator-set change, ascending.</summary>
    public List<long> ValidatorSetChangeHeights()
    {
        var heights = new List<long>();
        using var it = db.NewIterator(handles[Blocks]);
        for (it.Seek([(byte)'m']); it.Valid() && it.Key() is [(byte)'m', ..] key; it.Next())
        {
            heights.Add((long)BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(1)));
        }

        return heights;
    }

    public Hash32? ReadStateRoot(long height) => db.Get(U64(height), handles[State]) is { } root ? new Hash32(root) : null;

    public byte[]? ReadTransactionRecord(Hash32 id) => db.Get(Key((byte)'t', id.ToArray()), handles[Transactions]);

    /// <summary>The records (transaction bytes) at leaves of the transparency log, in one read; a missing leaf is null.</summary>
    public byte[]?[] ReadLeaves(IReadOnlyList<long> leaves)
    {
        var keys = new byte[leaves.Count][];
        var families = new ColumnFamilyHandle[leaves.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = U64(leaves[i]);
            families[i] = handles[Leaves];
        }

        var found = db.MultiGet(keys, families);
        var records = new byte[]?[keys.Length];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = found[i].Value;
        }

        return records;
    }

    public Transparency.TreeHead? ReadTreeHead()
    {
        if (db.Get(HeadKey, handles[Meta]) is not { } bytes)
        {
            return null;
        }

        var reader = new CanonicalReader(bytes);
        var head = Transparency.TreeHead.ReadFrom(ref reader);
        reader.EnsureEnd();
        return head;
    }

    /// <summary>The newest quorum-signed head a committed block carried (and this log matched), or null.</summary>
    public Transparency.SignedTreeHead? ReadQuorumHead() =>
        db.Get(QuorumHeadKey, handles[Meta]) is { } bytes ? Transparency.SignedTreeHead.Decode(bytes) : null;

    /// <summary>
    /// The leaf indexes of one page of <paramref name="query"/>'s trail in [query.FromLeaf, <paramref name="endLeaf"/>),
    /// in log order, and the leaf the next page starts at (null when the trail ends within this page): one seek and at
    /// most Limit + 1 index entries (the time index holds one entry a block), however long the trail.
    /// </summary>
    public (List<long> Leaves, long? NextFromLeaf) Trail(TrailQuery query, long endLeaf)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.PageOf(query.Index == TrailIndex.Time ? TrailByTime(query, endLeaf, query.Limit + 1) : TrailByKey(query, endLeaf, query.Limit + 1));
    }

    private List<long> TrailByKey(TrailQuery query, long endLeaf, int max)
    {
        var prefix = TrailPrefix(query.Key);
        byte[] start = [.. prefix, .. U64(query.FromLeaf)];
        var leaves = new List<long>(Math.Min(max, 1024));
        using var it = db.NewIterator(handles[TrailFamily(query.Index)]);
        for (it.Seek(start); it.Valid() && leaves.Count < max; it.Next())
        {
            var k = it.GetKeySpan();
            if (!k.StartsWith(prefix))
            {
                break;
            }

            var leaf = (long)BinaryPrimitives.ReadUInt64BigEndian(k[prefix.Length..]);
            if (leaf >= endLeaf)
            {
                break;
            }

            leaves.Add(leaf);
        }

        return leaves;
    }

    // Block times never fall below the parent's, so entries in time order are in leaf order too.
    private List<long> TrailByTime(TrailQuery query, long endLeaf, int max)
    {
        var (from, to) = query.Interval;
        var leaves = new List<long>(Math.Min(max, 1024));
        using var it = db.NewIterator(handles[TrailTime]);
        for (it.Seek(U64(SecondOfLeaf(it, query.FromLeaf, from, to))); it.Valid() && leaves.Count < max; it.Next())
        {
            var k = it.GetKeySpan();
            if (BinaryPrimitives.ReadInt64BigEndian(k) >= to)
            {
                break;
            }

            var first = (long)BinaryPrimitives.ReadUInt64BigEndian(k[8..]);
            var end = Math.Min(first + (long)BinaryPrimitives.ReadUInt64BigEndian(it.GetValueSpan()), endLeaf);
            for (var leaf = Math.Max(first, query.FromLeaf); leaf < end && leaves.Count < max; leaf++)
            {
                leaves.Add(leaf);
            }

            if (end == endLeaf)
            {
                break;
            }
        }

        return leaves;
    }

    /// <summary>
    /// The latest second in [<paramref name="from"/>, <paramref name="to"/>) whose first block starts at or before
    /// <paramref name="leaf"/> (else <paramref name="from"/>), by bisection: a later page of a long interval starts at
    /// the block holding its first leaf after about log2(interval seconds) seeks, instead of walking every block
    /// entry before it. Blocks sharing that second are few and skipped by the caller.
    /// </summary>
    private static long SecondOfLeaf(Iterator it, long leaf, long from, long to)
    {
        var (low, high) = (from, to);
        while (leaf > 0 && high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            it.Seek(U64(middle));
            var startsAtOrBefore = it.Valid()
                && BinaryPrimitives.ReadInt64BigEndian(it.GetKeySpan()) < to
                && (long)BinaryPrimitives.ReadUInt64BigEndian(it.GetKeySpan()[8..]) <= leaf;
            (low, high) = startsAtOrBefore ? (middle, high) : (low, middle);
        }

        return low;
    }

    /// <summary>Stored leaf hashes in order (level 0 of the Merkle column family).</summary>
    public IEnumerable<Hash32> LeafHashes()
    {
        using var it = db.NewIterator(handles[Merkle]);
        for (it.Seek([0]); it.Valid() && it.Key()[0] == 0; it.Next())
        {
            yield return new Hash32(it.Value());
        }
    }

    /// <summary>Consecutive stored Merkle nodes of one level, read by one iterator.</summary>
    public void ReadNodes(int level, long first, Span<Hash32> destination)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        using var it = db.NewIterator(handles[Merkle]);
        it.Seek(MerkleKey(level, first));
        for (var i = 0; i < destination.Length; i++, it.Next())
        {
            var key = it.Valid() ? it.Key() : null;
            if (key is not { Length: 9 } || key[0] != level || BinaryPrimitives.ReadInt64BigEndian(key.AsSpan(1)) != first + i)
            {
                throw new LedgerFormatException($"the store lacks Merkle node {first + i} of level {level}");
            }

            destination[i] = new Hash32(it.Value());
        }
    }

    /// <summary>A complete chunk of 64 leaves' Merkle nodes, stored whole (nodes before stop 17 did not store them).</summary>
    public bool TryReadChunk(long chunk, Span<Hash32> nodes)
    {
        if (db.Get(Key(MerkleChunkPrefix, U64(chunk)), handles[Merkle]) is not { } bytes)
        {
            return false;
        }

        if (bytes.Length != MerkleChunkBytes || nodes.Length != Transparency.MerkleChunks.Nodes)
        {
            throw new LedgerFormatException($"the stored Merkle chunk {chunk} is {bytes.Length} bytes, not {MerkleChunkBytes}");
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new Hash32(bytes.AsSpan(i * Hash32.Size, Hash32.Size));
        }

        return true;
    }

    public Hash32? ReadMerkleNode(int level, long index) =>
        db.Get(MerkleKey(level, index), handles[Merkle]) is { } hash ? new Hash32(hash) : null;

    public SafetyState? ReadSafety()
    {
        if (db.Get(SafetyKey, handles[ConsensusState]) is not { } bytes)
        {
            return null;
        }

        var reader = new CanonicalReader(bytes);
        var state = new SafetyState(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), QuorumCertificate.ReadFrom(ref reader));
        reader.EnsureEnd();
        return state;
    }

    public List<Block> ReadUncommittedBlocks() => ReadPrefixed((byte)'u').Select(v => Block.Decode(v)).ToList();

    public List<EpochChangeMessage> ReadEpochChanges() =>
        ReadPrefixed((byte)'e').Select(v => (EpochChangeMessage)ConsensusMessage.Decode(v)).ToList();

    /// <summary>
    /// Writes one committed block: its body and its indexes by hash and by validator-set change, with a synced WAL
    /// write. From then on it survives any crash, and it is all a replay needs (<see cref="StoreDerived"/>). One caller
    /// at a time.
    /// </summary>
    public void StoreBlock(Block block, bool carriesValidatorSetChange)
    {
        ArgumentNullException.ThrowIfNull(block);
        var batch = blockBatch.Clear();
        PutBlock(batch, block, carriesValidatorSetChange);
        db.Write(batch, syncWrites);
    }

    /// <summary>
    /// Writes what a stored block derives — outcomes, leaves, trail indexes, Merkle nodes, state records, digest,
    /// state root, heads, tip — in one atomic batch that skips the WAL, so the bulk of a block's bytes is written once,
    /// by the memtable flush, instead of twice. Families flush together (atomic flush), so after a crash the derived
    /// records are exactly those of some committed height, and <see cref="CommittedLedger"/> applies the stored blocks
    /// above it again. One caller at a time (it may be another thread than <see cref="StoreBlock"/>'s).
    /// </summary>
    public void StoreDerived(BlockCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var height = (long)commit.Block.Height;
        var batch = commitBatch.Clear();
        // Randomly keyed entries go in key order: RocksDB inserts a batch's keys into the memtable's skip list one after
        // another, each search starting from where the previous key went in, so sorted keys are found near each other
        // instead of from the top of a list of hundreds of thousands.
        foreach (var (id, record) in commit.TransactionRecords.OrderBy(r => r.Id))
        {
            batch.Put(Key((byte)'t', id.ToArray()), record, handles[Transactions]);
        }

        // Per-record keys are built in one stack buffer: a block writes tens of thousands of them.
        Span<byte> key = stackalloc byte[MaxStackKeyBytes];
        foreach (var (leaf, data) in commit.LeafData)
        {
            BinaryPrimitives.WriteUInt64BigEndian(key, (ulong)leaf);
            batch.Put(key[..8], data, handles[Leaves]);
        }

        foreach (var (index, trailKey, leaf) in commit.TrailEntries.OrderBy(e => e.Index).ThenBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Leaf))
        {
            var length = System.Text.Encoding.UTF8.GetByteCount(trailKey) + 9;
            var entry = length <= MaxStackKeyBytes ? key[..length] : new byte[length];
            System.Text.Encoding.UTF8.GetBytes(trailKey, entry);
            entry[^9] = 0;
            BinaryPrimitives.WriteUInt64BigEndian(entry[^8..], (ulong)leaf);
            batch.Put(entry, ReadOnlySpan<byte>.Empty, handles[TrailFamily(index)]);
        }

        // A block's leaves are consecutive: one time entry per block (time ‖ first leaf → leaf count), not per leaf.
        if (commit.LeafData.Count > 0)
        {
            batch.Put(Key(U64(commit.Block.Timestamp), U64(commit.LeafData[0].Leaf)), U64(commit.LeafData.Count), handles[TrailTime]);
        }

        Span<byte> hashBytes = stackalloc byte[Hash32.Size];
        foreach (var (level, index, hash) in commit.MerkleNodes)
        {
            key[0] = (byte)level;
            BinaryPrimitives.WriteUInt64BigEndian(key[1..], (ulong)index);
            hash.CopyTo(hashBytes);
            batch.Put(key[..9], hashBytes, handles[Merkle]);
        }

        Span<byte> chunkBytes = stackalloc byte[MerkleChunkBytes];
        foreach (var (chunk, nodes) in commit.MerkleChunks)
        {
            key[0] = MerkleChunkPrefix;
            BinaryPrimitives.WriteUInt64BigEndian(key[1..], (ulong)chunk);
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i].CopyTo(chunkBytes[(i * Hash32.Size)..]);
            }

            batch.Put(key[..9], chunkBytes, handles[Merkle]);
        }

        foreach (var (table, id, value) in commit.StateRecords.OrderBy(r => r.Table).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            batch.Put(StateRecordKey(table, id, key), value, handles[Records]);
        }

        batch.Put(DigestKey, commit.StateDigest, handles[Meta]);
        batch.Put(U64(height), commit.StateRoot.ToArray(), handles[State]);
        var head = new CanonicalWriter();
        commit.TreeHead.WriteTo(head);
        batch.Put(HeadKey, head.ToArray(), handles[Meta]);
        if (commit.NewQuorumHead is { } quorumHead)
        {
            batch.Put(QuorumHeadKey, quorumHead.Encode(), handles[Meta]);
        }

        batch.Put(TipKey, U64(height), handles[Meta]);
        db.Write(batch, unloggedWrites);
    }

    private void PutBlock(WriteBatch batch, Block block, bool carriesValidatorSetChange)
    {
        var height = U64((long)block.Height);
        batch.Put(height, block.Encode(), handles[Blocks]);
        batch.Put(Key((byte)'h', block.Hash.ToArray()), height, handles[Blocks]);
        if (carriesValidatorSetChange)
        {
            batch.Put(Key((byte)'m', height), Array.Empty<byte>(), handles[Blocks]);
        }
    }

    /// <summary>The committed block at this height, or null if the store holds none there.</summary>
    public Block? ReadBlockIfAny(long height) => db.Get(U64(height), handles[Blocks]) is { } bytes ? Block.Decode(bytes) : null;

    /// <summary>
    /// Replaces the consensus core's persisted state (safety state, uncommitted tree, epoch proofs) atomically, in one
    /// synced write with the blocks that just <paramref name="committed"/> (as <see cref="StoreBlock"/> would store
    /// them), so an input costs one sync however many blocks it commits. Only what changed since the last save is
    /// written (new blocks, removed blocks), and nothing at all when nothing did.
    /// </summary>
    public void SaveConsensusState(
        SafetyState safety,
        IReadOnlyCollection<Block> uncommitted,
        IReadOnlyList<EpochChangeMessage> epochChanges,
        IReadOnlyList<(Block Block, bool CarriesValidatorSetChange)>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(safety);
        ArgumentNullException.ThrowIfNull(uncommitted);
        ArgumentNullException.ThrowIfNull(epochChanges);
        committed ??= [];
        var w = new CanonicalWriter();
        w.WriteUInt64(safety.Epoch);
        w.WriteUInt64(safety.LastVotedRound);
        w.WriteUInt64(safety.PreferredRound);
        safety.HighQc.WriteTo(w);
        var safetyBytes = w.ToArray();
        var batch = consensusBatch.Clear();
        foreach (var (block, carriesChange) in committed)
        {
            PutBlock(batch, block, carriesChange);
        }

        var changed = committed.Count > 0 || savedSafety is null || !safetyBytes.AsSpan().SequenceEqual(savedSafety) || epochChanges.Count != savedEpochChanges;
        var cf = handles[ConsensusState];
        var keep = uncommitted.Select(b => Convert.ToHexString(UncommittedKey(b.Hash))).ToHashSet();
        savedUncommitted ??= [.. ReadUncommittedKeys()];
        foreach (var stale in savedUncommitted.Where(k => !keep.Contains(k)).ToList())
        {
            batch.Delete(Convert.FromHexString(stale), cf);
            savedUncommitted.Remove(stale);
            changed = true;
        }

        foreach (var block in uncommitted)
        {
            var key = UncommittedKey(block.Hash);
            if (savedUncommitted.Add(Convert.ToHexString(key)))
            {
                batch.Put(key, block.Encode(), cf);
                changed = true;
            }
        }

        if (!changed)
        {
            // Nothing new to make durable: skip the synced write (the host calls this after every input).
            return;
        }

        for (var e = 0; e < epochChanges.Count; e++)
        {
            batch.Put(Key((byte)'e', U64(e)), epochChanges[e].Encode(), cf);
        }

        batch.Put(SafetyKey, safetyBytes, cf);
        db.Write(batch, syncWrites);
        savedSafety = safetyBytes;
        savedEpochChanges = epochChanges.Count;
    }

    public void Dispose()
    {
        // Closing flushes what skipped the WAL, so a clean stop replays nothing.
        db.Dispose();
        blockBatch.Dispose();
        commitBatch.Dispose();
        consensusBatch.Dispose();
    }

    private List<string> ReadUncommittedKeys()
    {
        var keys = new List<string>();
        using var it = db.NewIterator(handles[ConsensusState]);
        for (it.Seek([(byte)'u']); it.Valid() && it.Key()[0] == (byte)'u'; it.Next())
        {
            keys.Add(Convert.ToHexString(it.Key()));
        }

        return keys;
    }

    private List<byte[]> ReadPrefixed(byte prefix)
    {
        var values = new List<byte[]>();
        using var it = db.NewIterator(handles[ConsensusState]);
        for (it.Seek([prefix]); it.Valid() && it.Key()[0] == prefix; it.Next())
        {
            values.Add(it.Value());
        }

        return values;
    }

    private static string TrailFamily(TrailIndex index) => index switch
    {
        TrailIndex.Subject => TrailSubject,
        TrailIndex.Bureau => TrailBureau,
        TrailIndex.Consent => TrailConsent,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "the time index has no keys"),
    };

    // The key's UTF-8 bytes and a 0 separator; identifiers never contain NUL, so one key never prefixes another's entries.
    private static byte[] TrailPrefix(string key) => [.. System.Text.Encoding.UTF8.GetBytes(key), 0];

    // table ‖ UTF-8 id, in the scratch buffer when it fits.
    private static Span<byte> StateRecordKey(byte table, string id, Span<byte> scratch)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(id) + 1;
        var key = length <= scratch.Length ? scratch[..length] : new byte[length];
        key[0] = table;
        System.Text.Encoding.UTF8.GetBytes(id, key[1..]);
        return key;
    }

    private static byte[] UncommittedKey(Hash32 hash) => Key((byte)'u', hash.ToArray());

    private static byte[] MerkleKey(int level, long index) => Key((byte)level, U64(index));

    private static byte[] Key(byte prefix, byte[] rest) => Key([prefix], rest);

    private static byte[] Key(byte[] first, byte[] second) => [.. first, .. second];

    private static byte[] U64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, unchecked((ulong)value));
        return bytes;
    }
}
