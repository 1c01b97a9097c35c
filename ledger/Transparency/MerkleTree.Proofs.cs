using System.Collections.Immutable;
using System.Numerics;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// Inclusion and consistency proofs (RFC 9162 §2.1.3–2.1.4). Besides the aligned subtrees, a proof needs only nodes of
/// the chunks holding its leaf and the last leaf of each tree size it names, which are read in before the lock.
/// </summary>
public sealed partial class MerkleTree
{
    private const int MaxRememberedEdges = 4096;

    // Leaves proved per acquisition of the lock: their chunks fit any cache a store-backed tree is given in practice.
    private const int ProofSlice = 256;
    private readonly Dictionary<(long Start, long End), Hash32> rightEdges = [];

    /// <summary>RFC 9162 §2.1.3.1 PATH(m, D[n]).</summary>
    public InclusionProof InclusionProof(long leafIndex, long treeSize) => InclusionProofs([leafIndex], treeSize)[0];

    /// <summary>
    /// Inclusion proofs of several leaves against one tree size, a slice of <see cref="ProofSlice"/> leaves per
    /// acquisition of the lock, each slice's chunks read in before it.
    /// </summary>
    public InclusionProof[] InclusionProofs(IReadOnlyList<long> leafIndexes, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(leafIndexes);
        if (leafIndexes.Count == 0)
        {
            // Each slice checks the size under the lock; with no slice, check it here.
            ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
            return [];
        }

        var proofs = new InclusionProof[leafIndexes.Count];
        var needed = new long[Math.Min(leafIndexes.Count, ProofSlice) + 1];
        for (var first = 0; first < proofs.Length; first += ProofSlice)
        {
            var count = Math.Min(ProofSlice, proofs.Length - first);
            for (var i = 0; i < count; i++)
            {
                needed[i] = leafIndexes[first + i];
            }

            needed[count] = treeSize - 1;
            Prefetch(needed.AsSpan(0, count + 1));
            lock (gate)
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, size);
                for (var i = first; i < first + count; i++)
                {
                    var leaf = leafIndexes[i];
                    ArgumentOutOfRangeException.ThrowIfNegative(leaf);
                    ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leaf, treeSize);
                    var path = ImmutableArray.CreateBuilder<Hash32>(64 - BitOperations.LeadingZeroCount((ulong)treeSize));
                    Path(leaf, 0, treeSize, path);
                    proofs[i] = new InclusionProof(leaf, treeSize, path.ToImmutable());
                }
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
        Prefetch([firstSize - 1, secondSize - 1]);
        lock (gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(secondSize, size);
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
            return Node(BitOperations.Log2((ulong)n), start / n);
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
