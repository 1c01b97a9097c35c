using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// An append-only RFC 9162 Merkle tree. It keeps every complete aligned subtree hash (level k holds the roots of
/// subtrees of 2^k leaves), so the root of any earlier size and every proof come from O(log² n) stored hashes.
/// One writer appends while readers prove against any size it has reached: every member takes one lock, held for
/// microseconds. The hashes along the right edges of recent sizes are remembered, so proofs against one tree head cost
/// lookups, not hashing.
/// <para>
/// Given an <see cref="IMerkleNodeSource"/>, memory grows by about one byte a leaf instead of 64: the levels from
/// <see cref="MerkleChunks.Level"/> up stay in memory, while the nodes below them, in chunks of 64 leaves, are dropped
/// once stored, beyond a bounded cache of recently read chunks. A proof that needs a dropped chunk reads it
/// back whole (one stored value), outside the lock, and checks its top against the chunk's root held in memory. A
/// restart reads only the kept levels (<see cref="Restore"/>).
/// </para>
/// </summary>
public sealed partial class MerkleTree
{
    private readonly MerkleHasher hasher;
    private readonly IMerkleNodeSource? source;
    private readonly MerkleChunks chunks;

    // upper[k] holds level MerkleChunks.Level + k.
    private readonly List<HashColumn> upper = [];
    private readonly Lock gate = new();
    private Hash32[]? tail;
    private long size;

    /// <summary>A tree held wholly in memory.</summary>
    public MerkleTree(MerkleHasher hasher)
        : this(null, hasher, int.MaxValue)
    {
    }

    public MerkleTree()
        : this(MerkleHasher.Sm3)
    {
    }

    /// <summary>
    /// A tree whose stored chunks of low-level nodes may be dropped (<see cref="MarkStored"/>), keeping at most
    /// <paramref name="cachedChunks"/> of them (4 KiB each) and reading others back from <paramref name="source"/>.
    /// </summary>
    public MerkleTree(MerkleHasher hasher, IMerkleNodeSource source, int cachedChunks)
        : this(source ?? throw new ArgumentNullException(nameof(source)), hasher, cachedChunks)
    {
    }

    private MerkleTree(IMerkleNodeSource? source, MerkleHasher hasher, int cachedChunks)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedChunks);
        this.hasher = hasher;
        this.source = source;
        chunks = new MerkleChunks(cachedChunks);
    }

    public MerkleHasher Hasher => hasher;

    public long Size
    {
        get
        {
            lock (gate)
            {
                return size;
            }
        }
    }

    public Hash32 Root => RootAt(Size);

    /// <summary>Chunks of low-level nodes now in memory (for tests of the bound).</summary>
    internal int ResidentChunks
    {
        get
        {
            lock (gate)
            {
                return chunks.ResidentCount;
            }
        }
    }

    /// <summary>Appends a record; returns its leaf index.</summary>
    public long Append(ReadOnlySpan<byte> leaf) => AppendLeafHash(hasher.HashLeaf(leaf));

    public long AppendLeafHash(Hash32 leafHash)
    {
        lock (gate)
        {
            return AppendLocked(leafHash);
        }
    }

    /// <summary>
    /// Appends leaf hashes in order; returns the first one's index. The interior nodes they complete are hashed a level
    /// at a time, all of a level at once (<see cref="MerkleHasher.HashPairs"/>), rather than a leaf at a time.
    /// </summary>
    public long AppendLeafHashes(Hash32[] leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        lock (gate)
        {
            var first = size;
            for (var i = 0; i < leafHashes.Length; i++)
            {
                PlaceLeaf(first + i, leafHashes[i]);
            }

            // At each level the new nodes are [low, high); the parents they complete are [low / 2, high / 2), whose
            // left child may be an older node (low odd). Level MerkleChunks.Level holds chunk roots, kept above chunks.
            var (low, high) = (first, first + leafHashes.Length);
            for (var level = 0; level < MerkleChunks.Level && (high >> 1) > (low >> 1); level++)
            {
                var (from, to) = (low >> 1, high >> 1);
                var children = new Hash32[2 * (to - from)];
                for (var i = 0; i < children.Length; i++)
                {
                    children[i] = ChunkNode(level, (2 * from) + i);
                }

                var parents = new Hash32[to - from];
                hasher.HashPairs(children, parents);
                for (var i = 0; i < parents.Length; i++)
                {
                    if (level + 1 == MerkleChunks.Level)
                    {
                        AddChunkRoot(from + i, parents[i]);
                    }
                    else
                    {
                        ChunkNode(level + 1, from + i) = parents[i];
                    }
                }

                (low, high) = (from, to);
            }

            size = first + leafHashes.Length;
            return first;
        }
    }

    /// <summary>
    /// Loads a stored tree of <paramref name="treeSize"/> leaves into this empty one: the kept levels and the leaves of
    /// the last, incomplete chunk, not every leaf. The caller checks the root against the head it trusts; every chunk
    /// read later is checked against that root's subtree.
    /// </summary>
    public void Restore(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var store = source ?? throw new InvalidOperationException("only a tree with a node source can be restored");
        lock (gate)
        {
            if (size != 0)
            {
                throw new InvalidOperationException("only an empty tree can be restored");
            }

            var complete = treeSize >> MerkleChunks.Level;
            var roots = new Hash32[Math.Min(complete, 1 << 16)];
            for (var first = 0L; first < complete; first += roots.Length)
            {
                var piece = roots.AsSpan(0, (int)Math.Min(roots.Length, complete - first));
                store.ReadNodes(MerkleChunks.Level, first, piece);
                for (var i = 0; i < piece.Length; i++)
                {
                    AddChunkRoot(first + i, piece[i]);
                }
            }

            size = complete << MerkleChunks.Level;
            chunks.MarkStored(complete);
            var leaves = new Hash32[treeSize - size];
            store.ReadNodes(0, size, leaves);
            foreach (var leaf in leaves)
            {
                AppendLocked(leaf);
            }
        }
    }

    /// <summary>The store now holds every node of the first <paramref name="storedSize"/> leaves: their chunks may be dropped.</summary>
    public void MarkStored(long storedSize)
    {
        if (source is null)
        {
            return;
        }

        lock (gate)
        {
            chunks.MarkStored(Math.Min(storedSize, size) >> MerkleChunks.Level);
        }
    }

    public Hash32 LeafHash(long index)
    {
        Prefetch([index]);
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
            return Node(0, index);
        }
    }

    /// <summary>
    /// The single nodes storage must add for the leaves since <paramref name="oldSize"/>: each new leaf hash and each new
    /// node from level <see cref="MerkleChunks.Level"/> up. The levels between live in the chunks of
    /// <see cref="ChunksCompletedSince"/> (and, for the last, incomplete chunk, are rebuilt from its leaf hashes).
    /// </summary>
    public List<(int Level, long Index, Hash32 Hash)> NodesAddedSince(long oldSize)
    {
        var nodes = new List<(int, long, Hash32)>();
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, size);
            nodes.EnsureCapacity((int)(size - oldSize) + 64);
            for (var level = 0; (size >> level) > 0; level = level == 0 ? MerkleChunks.Level : level + 1)
            {
                for (var i = oldSize >> level; i < size >> level; i++)
                {
                    nodes.Add((level, i, Node(level, i)));
                }
            }
        }

        return nodes;
    }

    /// <summary>
    /// The chunks of 64 leaves completed since <paramref name="oldSize"/>, each with its 126 nodes (leaf hashes, then
    /// each level above up to its top two), for storage to keep as one value: a proof of a leaf in a chunk no longer
    /// in memory then costs one read.
    /// </summary>
    public List<(long Chunk, Hash32[] Nodes)> ChunksCompletedSince(long oldSize)
    {
        var completed = new List<(long, Hash32[])>();
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, size);
            for (var chunk = oldSize >> MerkleChunks.Level; chunk < size >> MerkleChunks.Level; chunk++)
            {
                completed.Add((chunk, Chunk(chunk)));
            }
        }

        return completed;
    }

    /// <summary>MTH of the first <paramref name="treeSize"/> leaves: the root the log had when it was that big.</summary>
    public Hash32 RootAt(long treeSize)
    {
        Prefetch([treeSize - 1]);
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, size);
            return treeSize == 0 ? hasher.EmptyRoot() : SubtreeHash(0, treeSize);
        }
    }

    private long AppendLocked(Hash32 leafHash)
    {
        var index = size;
        var position = PlaceLeaf(index, leafHash);

        // Each time a subtree of 2^(k+1) leaves completes, store its root one level up; the chunk's own root goes up
        // to the kept levels.
        var nodes = tail!;
        var hash = leafHash;
        for (var level = 0; (position & 1) == 1; level++)
        {
            hash = hasher.HashChildren(nodes[MerkleChunks.Offset(level) + position - 1], hash);
            position >>= 1;
            if (level + 1 == MerkleChunks.Level)
            {
                AddChunkRoot(index >> MerkleChunks.Level, hash);
                break;
            }

            nodes[MerkleChunks.Offset(level + 1) + position] = hash;
        }

        size = index + 1;
        return index;
    }

    /// <summary>Writes leaf <paramref name="index"/> into the tail chunk, starting a new one at a chunk boundary; returns its position there.</summary>
    private int PlaceLeaf(long index, Hash32 leafHash)
    {
        var position = (int)(index & (MerkleChunks.Leaves - 1));
        if (position == 0)
        {
            tail = chunks.Start(index >> MerkleChunks.Level);
        }

        tail![position] = leafHash;
        return position;
    }

    /// <summary>
    /// Node <paramref name="index"/> of a level below the chunk roots, in its chunk's array (the chunks being appended
    /// to are resident until the store holds them).
    /// </summary>
    private ref Hash32 ChunkNode(int level, long index)
    {
        var chunk = index >> (MerkleChunks.Level - level);
        var nodes = chunks.TryGet(chunk, out var resident) ? resident : throw new InvalidOperationException($"chunk {chunk} is not resident");
        return ref nodes[MerkleChunks.Offset(level) + (int)(index & ((MerkleChunks.Leaves >> level) - 1))];
    }

    /// <summary>Adds the root of a complete chunk to the kept levels, and the roots it completes above it.</summary>
    private void AddChunkRoot(long chunk, Hash32 hash)
    {
        for (var k = 0; ; k++)
        {
            if (upper.Count == k)
            {
                upper.Add(new());
            }

            upper[k].Add(hash);
            if ((chunk & 1) == 0)
            {
                return;
            }

            hash = hasher.HashChildren(upper[k][chunk - 1], hash);
            chunk >>= 1;
        }
    }

    /// <summary>The complete node <paramref name="index"/> of <paramref name="level"/> (under the lock).</summary>
    private Hash32 Node(int level, long index)
    {
        if (level >= MerkleChunks.Level)
        {
            return upper[level - MerkleChunks.Level][index];
        }

        var shift = MerkleChunks.Level - level;
        return Chunk(index >> shift)[MerkleChunks.Offset(level) + (int)(index & ((1L << shift) - 1))];
    }

    /// <summary>A chunk's nodes (under the lock), read here if it was not prefetched or was dropped again since.</summary>
    private Hash32[] Chunk(long chunk)
    {
        if (!chunks.TryGet(chunk, out var nodes))
        {
            nodes = LoadChunk(chunk);
            Admit(chunk, nodes);
        }

        return nodes;
    }

    /// <summary>
    /// Makes the chunks of the given leaves resident before a reader takes the lock, reading dropped ones from the
    /// store outside it, so a slow read never holds up the writer.
    /// </summary>
    private void Prefetch(ReadOnlySpan<long> leaves)
    {
        if (source is null)
        {
            return;
        }

        List<long>? missing = null;
        lock (gate)
        {
            foreach (var leaf in leaves)
            {
                var chunk = leaf >> MerkleChunks.Level;
                if (leaf >= 0 && chunk < chunks.StoredChunks && !chunks.TryGet(chunk, out _) && missing?.Contains(chunk) != true)
                {
                    (missing ??= []).Add(chunk);
                }
            }
        }

        if (missing is null)
        {
            return;
        }

        var loaded = missing.Select(LoadChunk).ToArray();
        lock (gate)
        {
            for (var i = 0; i < loaded.Length; i++)
            {
                if (!chunks.TryGet(missing[i], out _))
                {
                    Admit(missing[i], loaded[i]);
                }
            }
        }
    }

    /// <summary>A stored chunk's nodes: one stored value, or rebuilt from its 64 stored leaf hashes.</summary>
    private Hash32[] LoadChunk(long chunk)
    {
        var nodes = new Hash32[MerkleChunks.Nodes];
        if (source!.TryReadChunk(chunk, nodes))
        {
            return nodes;
        }

        source.ReadNodes(0, chunk << MerkleChunks.Level, nodes.AsSpan(0, MerkleChunks.Leaves));
        for (var level = 1; level < MerkleChunks.Level; level++)
        {
            var (below, at) = (MerkleChunks.Offset(level - 1), MerkleChunks.Offset(level));
            for (var i = 0; i < MerkleChunks.Leaves >> level; i++)
            {
                nodes[at + i] = hasher.HashChildren(nodes[below + (2 * i)], nodes[below + (2 * i) + 1]);
            }
        }

        return nodes;
    }

    /// <summary>
    /// Keeps a chunk read from the store once its top two nodes hash to the root held in memory (under the lock). A
    /// chunk rebuilt from its leaf hashes is thereby checked whole; one stored whole is checked at its top, and RocksDB
    /// checksums every block it reads, so a damaged disk shows as a read error.
    /// </summary>
    private void Admit(long chunk, Hash32[] nodes)
    {
        var top = MerkleChunks.Offset(MerkleChunks.Level - 1);
        if (hasher.HashChildren(nodes[top], nodes[top + 1]) != upper[0][chunk])
        {
            var first = chunk << MerkleChunks.Level;
            throw new LedgerFormatException($"the stored hashes of leaves {first}–{first + MerkleChunks.Leaves - 1} do not match the log's root for them");
        }

        chunks.AddLoaded(chunk, nodes);
    }
}
