using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// The RFC 9162 §2.1.1 hashing of a Merkle tree: MTH({}) = HASH(), leaves HASH(0x00 ‖ d), interior nodes
/// HASH(0x01 ‖ left ‖ right). The ledger uses SM3; the prefixes keep a leaf from ever posing as a node.
/// </summary>
public abstract class MerkleHasher
{
    // Messages a task hashes when many are hashed at once: enough to fill the vector lanes several times over and
    // outweigh handing the run to another core.
    private const int RunLength = 128;

    private static readonly byte[] LeafPrefix = [0x00];
    private static readonly byte[] NodePrefix = [0x01];

    public static MerkleHasher Sm3 { get; } = new Sm3MerkleHasher();

    public Hash32 EmptyRoot() => Hash([]);

    public Hash32 HashLeaf(ReadOnlySpan<byte> leaf)
    {
        var buffer = leaf.Length <= 1023 ? stackalloc byte[leaf.Length + 1] : new byte[leaf.Length + 1];
        buffer[0] = 0x00;
        leaf.CopyTo(buffer[1..]);
        return Hash(buffer);
    }

    public Hash32 HashChildren(Hash32 left, Hash32 right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash32.Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Hash32.Size)..]);
        return Hash(buffer);
    }

    /// <summary>
    /// <see cref="HashLeaf"/> of every leaf into <paramref name="hashes"/>: many at once (a batch's records, a block's
    /// leaves), in runs spread over the cores.
    /// </summary>
    public void HashLeaves(byte[][] leaves, Hash32[] hashes)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashes.Length, leaves.Length);
        InRuns(leaves.Length, (start, count) => HashEach(LeafPrefix, leaves.AsSpan(start, count), hashes.AsSpan(start, count)));
    }

    /// <summary>
    /// <see cref="HashChildren"/> of each pair (children[2i], children[2i + 1]) into parents[i]: one level of a tree
    /// built from the bottom up. An odd last child is left for the caller.
    /// </summary>
    public void HashPairs(Hash32[] children, Hash32[] parents)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(parents);
        var pairs = children.Length / 2;
        ArgumentOutOfRangeException.ThrowIfLessThan(parents.Length, pairs);
        InRuns(pairs, (start, count) =>
        {
            Span<byte> both = stackalloc byte[RunLength * 2 * Hash32.Size];
            for (var i = 0; i < 2 * count; i++)
            {
                children[(2 * start) + i].CopyTo(both[(i * Hash32.Size)..]);
            }

            HashEach(NodePrefix, both[..(count * 2 * Hash32.Size)], 2 * Hash32.Size, parents.AsSpan(start, count));
        });
    }

    protected abstract Hash32 Hash(ReadOnlySpan<byte> data);

    /// <summary>HASH(prefix ‖ messages[i]) into hashes[i]; one at a time unless a hash function does better.</summary>
    protected virtual void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte[]> messages, Span<Hash32> hashes)
    {
        for (var i = 0; i < messages.Length; i++)
        {
            hashes[i] = Hash([.. prefix, .. messages[i]]);
        }
    }

    /// <summary>HASH(prefix ‖ m_i) into hashes[i], for the consecutive <paramref name="length"/>-byte pieces m_i.</summary>
    protected virtual void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> pieces, int length, Span<Hash32> hashes)
    {
        for (var i = 0; i < pieces.Length / length; i++)
        {
            hashes[i] = Hash([.. prefix, .. pieces.Slice(i * length, length)]);
        }
    }

    private static void InRuns(int count, Action<int, int> run)
    {
        if (count <= RunLength)
        {
            run(0, count);
            return;
        }

        Parallel.For(0, (count + RunLength - 1) / RunLength, r => run(r * RunLength, Math.Min(RunLength, count - (r * RunLength))));
    }

    private sealed class Sm3MerkleHasher : MerkleHasher
    {
        protected override Hash32 Hash(ReadOnlySpan<byte> data) => Hash32.Compute(data);

        protected override void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte[]> messages, Span<Hash32> hashes)
        {
            Span<byte> digests = stackalloc byte[RunLength * Hash32.Size];
            Sm3Lanes.HashEach(prefix, messages, digests);
            Read(digests, hashes[..messages.Length]);
        }

        protected override void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> pieces, int length, Span<Hash32> hashes)
        {
            Span<byte> digests = stackalloc byte[RunLength * Hash32.Size];
            var count = pieces.Length / length;
            Sm3Lanes.HashEach(prefix, pieces, length, digests);
            Read(digests, hashes[..count]);
        }

        private static void Read(ReadOnlySpan<byte> digests, Span<Hash32> hashes)
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i] = new Hash32(digests.Slice(i * Hash32.Size, Hash32.Size));
            }
        }
    }
}
