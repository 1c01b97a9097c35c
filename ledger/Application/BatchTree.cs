using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Application;

/// <summary>
/// The RFC 9162 Merkle tree over a batch's record encodings. Each internal node is hashed exactly once (2n − 1
/// hashes in all) and kept, so a record's audit path is read out of the tree, where asking a log for n separate
/// paths would rehash the ragged right edge for every record. Paths are built only when asked for: checking a
/// batch's signature needs the root alone.
/// </summary>
internal sealed class BatchTree
{
    private readonly Hash32[] leaves;

    // Internal nodes in post-order: a subtree over n leaves whose nodes start at b keeps its left subtree's k − 1
    // nodes at b, its right subtree's n − k − 1 after them, and its own hash at b + n − 2.
    private readonly Hash32[] nodes;

    public BatchTree(IReadOnlyList<byte[]> encodings)
    {
        var hasher = MerkleHasher.Sm3;
        leaves = new Hash32[encodings.Count];
        Parallel.For(0, leaves.Length, i => leaves[i] = hasher.HashLeaf(encodings[i]));
        nodes = new Hash32[Math.Max(leaves.Length - 1, 0)];
        Root = Build(hasher, 0, leaves.Length, 0);
    }

    public Hash32 Root { get; }

    /// <summary>PATH(index, D[n]) of RFC 9162 §2.1.3.1, deepest sibling first.</summary>
    public ImmutableArray<Hash32> Path(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Length);
        var depth = 0;
        for (int start = 0, n = leaves.Length; n > 1; depth++)
        {
            var k = (int)MerkleTree.LargestPowerOfTwoBelow(n);
            (start, n) = index < start + k ? (start, k) : (start + k, n - k);
        }

        // Walking down from the root meets the siblings shallowest first; the path lists them deepest first.
        var path = new Hash32[depth];
        for (int start = 0, n = leaves.Length, firstNode = 0; n > 1;)
        {
            var k = (int)MerkleTree.LargestPowerOfTwoBelow(n);
            if (index < start + k)
            {
                path[--depth] = Subtree(start + k, n - k, firstNode + k - 1);
                n = k;
            }
            else
            {
                path[--depth] = Subtree(start, k, firstNode);
                (start, n, firstNode) = (start + k, n - k, firstNode + k - 1);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(path);
    }

    private Hash32 Subtree(int start, int n, int firstNode) => n == 1 ? leaves[start] : nodes[firstNode + n - 2];

    private Hash32 Build(MerkleHasher hasher, int start, int n, int firstNode)
    {
        if (n == 1)
        {
            return leaves[start];
        }

        var k = (int)MerkleTree.LargestPowerOfTwoBelow(n);
        var left = Build(hasher, start, k, firstNode);
        var right = Build(hasher, start + k, n - k, firstNode + k - 1);
        return nodes[firstNode + n - 2] = hasher.HashChildren(left, right);
    }
}
