using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// The RFC 9162 §2.1.1 hashing of a Merkle tree: MTH({}) = HASH(), leaves HASH(0x00 ‖ d), interior nodes
/// HASH(0x01 ‖ left ‖ right). The ledger uses SM3; the prefixes keep a leaf from ever posing as a node.
/// </summary>
public abstract class MerkleHasher
{
    private protected static readonly byte[] LeafPrefix = [0x00];
    private protected static readonly byte[] NodePrefix = [0x01];

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

    /// <summary><see cref="HashLeaf"/> of every leaf into <paramref name="hashes"/>: many at once where the hash function allows.</summary>
    public virtual void HashLeaves(byte[][] leaves, Hash32[] hashes)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentNullException.ThrowIfNull(hashes);
        for (var i = 0; i < leaves.Length; i++)
        {
            hashes[i] = HashLeaf(leaves[i]);
        }
    }

    /// <summary>
    /// <see cref="HashChildren"/> of each pair (children[2i], children[2i + 1]) into parents[i]: one level of a tree
    /// built from the bottom up. An odd last child is left for the caller.
    /// </summary>
    public virtual void HashPairs(Hash32[] children, Hash32[] parents)
    {
        ArgumentNullException.ThrowIfNull(children);
        ArgumentNullException.ThrowIfNull(parents);
        for (var i = 0; i < children.Length / 2; i++)
        {
            parents[i] = HashChildren(children[2 * i], children[(2 * i) + 1]);
        }
    }

    protected abstract Hash32 Hash(ReadOnlySpan<byte> data);

    /// <summary>SM3 trees hash many nodes at once (<see cref="Sm3Many"/>).</summary>
    private sealed class Sm3MerkleHasher : MerkleHasher
    {
        protected override Hash32 Hash(ReadOnlySpan<byte> data) => Hash32.Compute(data);

        public override void HashLeaves(byte[][] leaves, Hash32[] hashes) => Sm3Many.Hash(LeafPrefix, leaves, hashes);

        public override void HashPairs(Hash32[] children, Hash32[] parents)
        {
            ArgumentNullException.ThrowIfNull(children);
            var pairs = children.Length / 2;
            var bytes = new byte[pairs * 2 * Hash32.Size];
            for (var i = 0; i < 2 * pairs; i++)
            {
                children[i].CopyTo(bytes.AsSpan(i * Hash32.Size));
            }

            Sm3Many.HashPieces(NodePrefix, bytes, 2 * Hash32.Size, parents);
        }
    }
}
