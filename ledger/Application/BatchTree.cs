using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Application;

/// <summary>
/// The RFC 9162 Merkle tree over a batch's record encodings, built from the bottom up one level at a time, so that a
/// level's hashes are computed together (sixteen SM3 messages at once where the CPU has vector lanes). Pairing a
/// level's nodes and moving an odd last node up unchanged gives exactly RFC 9162's tree, which splits n leaves at the
/// largest power of two below n. Every node is kept, so a record's audit path is read out of the tree, where asking
/// a log for n separate paths would rehash the ragged right edge for every record.
/// </summary>
internal sealed class BatchTree
{
    // levels[0]: the leaf hashes; levels[k + 1][i] = HASH(0x01 ‖ levels[k][2i] ‖ levels[k][2i + 1]), or
    // levels[k][2i] itself when it is the level's odd last node. The last level holds the root alone.
    private readonly Hash32[][] levels;

    public BatchTree(byte[][] encodings)
    {
        ArgumentNullException.ThrowIfNull(encodings);
        ArgumentOutOfRangeException.ThrowIfZero(encodings.Length);
        var hasher = MerkleHasher.Sm3;
        var level = new Hash32[encodings.Length];
        hasher.HashLeaves(encodings, level);
        var built = new List<Hash32[]> { level };
        while (level.Length > 1)
        {
            var above = new Hash32[(level.Length + 1) / 2];
            hasher.HashPairs(level, above);
            if (level.Length % 2 == 1)
            {
                above[^1] = level[^1];
            }

            built.Add(level = above);
        }

        levels = [.. built];
    }

    public Hash32 Root => levels[^1][0];

    /// <summary>PATH(index, D[n]) of RFC 9162 §2.1.3.1, deepest sibling first.</summary>
    public ImmutableArray<Hash32> Path(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, levels[0].Length);
        var path = new List<Hash32>(levels.Length - 1);
        for (var k = 0; k < levels.Length - 1; k++, index >>= 1)
        {
            // An odd last node has no sibling on its level: it moves up as it is, adding nothing to the path.
            var sibling = index ^ 1;
            if (sibling < levels[k].Length)
            {
                path.Add(levels[k][sibling]);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(path.ToArray());
    }
}
