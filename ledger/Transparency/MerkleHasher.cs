using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// The RFC 9162 §2.1.1 hashing of a Merkle tree: MTH({}) = HASH(), leaves HASH(0x00 ‖ d), interior nodes
/// HASH(0x01 ‖ left ‖ right). The ledger uses SM3; the prefixes keep a leaf from ever posing as a node.
/// </summary>
public abstract class MerkleHasher
{
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

    protected abstract Hash32 Hash(ReadOnlySpan<byte> data);

    private sealed class Sm3MerkleHasher : MerkleHasher
    {
        protected override Hash32 Hash(ReadOnlySpan<byte> data) => Hash32.Compute(data);
    }
}
