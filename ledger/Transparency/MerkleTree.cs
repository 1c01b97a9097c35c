using System.Collections.Immutable;
using System.Numerics;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// An append-only RFC 9162 Merkle tree. It keeps every complete aligned subtree hash (level k holds the roots of
/// subtrees of 2^k leaves), so the root of any earlier size and every proof come from O(log² n) stored hashes.
/// One writer appends while readers prove against any size it has reached: every member takes one lock, held for
/// microseconds. The hashes along the right edges of recent sizes are remembered, so proofs against one tree head cost
/// lookups, not hashing.
/// </summary>
public sealed class MerkleTree(MerkleHasher hasher)
{
    private const int MaxRememberedEdges = 4096;
    private readonly List<HashColumn> levels = [new()];
    private readonly Lock gate = new();
    private readonly Dictionary<(long Start, long End), Hash32> rightEdges = [];

    public MerkleTree()
        : this(MerkleHasher.Sm3)
    {
    }

    public MerkleHasher Hasher => hasher;

    public long Size
    {
        get
        {
            lock (gate)
            {
                return levels[0].Count;
            }
        }
    }

    public Hash32 Root => RootAt(Size);

    /// <summary>Appends a record; returns its leaf index.</summary>
    public long Append(ReadOnlySpan<byte> leaf) => AppendLeafHash(hasher.HashLeaf(leaf));

    public long AppendLeafHash(Hash32 leafHash)
    {
        lock (gate)
        {
            return AppendLocked(leafHash);
        }
    }

    private long AppendLocked(Hash32 leafHash)
    {
        var index = levels[0].Count;
        levels[0].Add(leafHash);
        // Each time a subtree of 2^(k+1) leaves completes, store its root one level up.
        for (var level = 0; (levels[level].Count & 1) == 0; level++)
        {
            if (levels.Count == level + 1)
            {
                levels.Add(new());
            }

            var row = levels[level];
            levels[level + 1].Add(hasher.HashChildren(row[row.Count - 2], row[row.Count - 1]));
        }

        return index;
    }

    public Hash32 LeafHash(long index)
    {
        lock (gate)
        {
            return levels[0][index];
        }
    }

    /// <summary>Every stored hash (leaves and complete subtrees) that did not exist at <paramref name="oldSize"/>: what storage must add.</summary>
    public List<(int Level, long Index, Hash32 Hash)> NodesAddedSince(long oldSize)
    {
        var nodes = new List<(int, long, Hash32)>();
        lock (gate)
        {
            // n new leaves add fewer than 2n nodes, plus one per level on the right edge.
            nodes.EnsureCapacity((int)(2 * (levels[0].Count - oldSize)) + levels.Count);
            for (var level = 0; level < levels.Count; level++)
            {
                for (var i = oldSize >> level; i < levels[level].Count; i++)
                {
                    nodes.Add((level, i, levels[level][i]));
                }
            }
        }

        return nodes;
    }

    /// <summary>MTH of the first <paramref name="size"/> leaves: the root the log had when it was that big.</summary>
    public Hash32 RootAt(long size)
    {
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(size);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, levels[0].Count);
            return size == 0 ? hasher.EmptyRoot() : SubtreeHash(0, size);
        }
    }

    /// <summary>RFC 9162 §2.1.3.1 PATH(m, D[n]).</summary>
    public InclusionProof InclusionProof(long leafIndex, long treeSize) => InclusionProofs([leafIndex], treeSize)[0];

    /// <summary>Inclusion proofs of several leaves against one tree size, under one acquisition of the lock.</summary>
    public InclusionProof[] InclusionProofs(IReadOnlyList<long> leafIndexes, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(leafIndexes);
        var proofs = new InclusionProof[leafIndexes.Count];
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, levels[0].Count);
            for (var i = 0; i < proofs.Length; i++)
            {
                var leaf = leafIndexes[i];
                ArgumentOutOfRangeException.ThrowIfNegative(leaf);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leaf, treeSize);
                var path = ImmutableArray.CreateBuilder<Hash32>(64 - BitOperations.LeadingZeroCount((ulong)treeSize));
                Path(leaf, 0, treeSize, path);
                proofs[i] = new InclusionProof(leaf, treeSize, path.ToImmutable());
            }
        }

        return proofs;
    }

    /// <summary>RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty when m is 0 or equals n.</summary>
    public ConsistencyProof ConsistencyProof(long firstSize, long secondSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var path = ImmutableArray.CreateBuilder<Hash32>();
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(secondSize, levels[0].Count);
            if (firstSize > 0 && firstSize < secondSize)
            {
                SubProof(firstSize, 0, secondSize, true, path);
            }
        }

        return new ConsistencyProof(firstSize, secondSize, path.ToImmutable());
    }

    // PATH(m, D[start:start+n]), appending deepest sibling first.
    private void Path(long m, long start, long n, ImmutableArray<Hash32>.Builder path)
    {
        if (n == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(m, start, k, path);
            path.Add(SubtreeHash(start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, path);
            path.Add(SubtreeHash(start, k));
        }
    }

    // SUBPROOF(m, D[start:start+n], b).
    private void SubProof(long m, long start, long n, bool isWholeOldTree, ImmutableArray<Hash32>.Builder path)
    {
        if (m == n)
        {
            if (!isWholeOldTree)
            {
                path.Add(SubtreeHash(start, n));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, k, isWholeOldTree, path);
            path.Add(SubtreeHash(start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, path);
            path.Add(SubtreeHash(start, k));
        }
    }

    // MTH(D[start:start+n]) for n ≥ 1. Aligned power-of-two ranges are stored; every other range a proof or root
    // needs ends at the tree size asked about (its right edge); those are remembered, about log n per size.
    private Hash32 SubtreeHash(long start, long n)
    {
        if (BitOperations.IsPow2(n) && start % n == 0)
        {
            return levels[BitOperations.Log2((ulong)n)][start / n];
        }

        if (rightEdges.TryGetValue((start, start + n), out var known))
        {
            return known;
        }

        var k = LargestPowerOfTwoBelow(n);
        var hash = hasher.HashChildren(SubtreeHash(start, k), SubtreeHash(start + k, n - k));
        if (rightEdges.Count >= MaxRememberedEdges)
        {
            rightEdges.Clear();
        }

        rightEdges[(start, start + n)] = hash;
        return hash;
    }

    /// <summary>The largest power of two strictly less than n (n ≥ 2).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}
