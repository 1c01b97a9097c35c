using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Application;

/// <summary>
/// The RFC 9162 Merkle tree over a batch's record encodings, built once with every record's audit path: each
/// internal node is hashed exactly once (2n − 1 hashes in all), where asking a log for n separate paths would rehash
/// the ragged right edge for every record.
/// </summary>
internal sealed class BatchTree
{
    private readonly List<Hash32>[] paths;

    public BatchTree(IReadOnlyList<byte[]> encodings)
    {
        var hasher = MerkleHasher.Sm3;
        var leaves = new Hash32[encodings.Count];
        Parallel.For(0, leaves.Length, i => leaves[i] = hasher.HashLeaf(encodings[i]));
        paths = [.. leaves.Select(_ => new List<Hash32>())];
        Root = Build(hasher, leaves, 0, leaves.Length);
    }

    public Hash32 Root { get; }

    /// <summary>PATH(index, D[n]) of RFC 9162 §2.1.3.1, deepest sibling first.</summary>
    public ImmutableArray<Hash32> Path(int index) => [.. paths[index]];

    // MTH(D[start:start+n]); after both halves are built, each leaf on one side gains the other side's hash, so the
    // siblings are appended deepest first.
    private Hash32 Build(MerkleHasher hasher, Hash32[] leaves, int start, int n)
    {
        if (n == 1)
        {
            return leaves[start];
        }

        var k = (int)MerkleTree.LargestPowerOfTwoBelow(n);
        var left = Build(hasher, leaves, start, k);
        var right = Build(hasher, leaves, start + k, n - k);
        for (var i = start; i < start + k; i++)
        {
            paths[i].Add(right);
        }

        for (var i = start + k; i < start + n; i++)
        {
            paths[i].Add(left);
        }

        return hasher.HashChildren(left, right);
    }
}
