using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>The audit path proving that leaf <see cref="LeafIndex"/> is in the tree of <see cref="TreeSize"/> leaves.</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, ImmutableArray<Hash32> Path)
{
    /// <summary>RFC 9162 §2.1.3.2: recompute the root from the leaf hash and the path, and compare.</summary>
    public bool Verify(MerkleHasher hasher, Hash32 leafHash, Hash32 root) => RootFrom(hasher, leafHash) is { } computed && computed == root;

    /// <summary>The root that the leaf hash and the path lead to, or null when the path does not fit the index and size.</summary>
    public Hash32? RootFrom(MerkleHasher hasher, Hash32 leafHash)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (LeafIndex < 0 || LeafIndex >= TreeSize)
        {
            return null;
        }

        var fn = (ulong)LeafIndex;
        var sn = (ulong)(TreeSize - 1);
        var r = leafHash;
        foreach (var p in Path)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = hasher.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = hasher.HashChildren(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    /// <summary>Bytes of <see cref="Encode"/>: index, size, count and the path.</summary>
    public int EncodedLength => 8 + 8 + 4 + (Hash32.Size * Path.Length);

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(EncodedLength);
        WriteTo(writer);
        return writer.ToArray();
    }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt64((ulong)LeafIndex);
        writer.WriteUInt64((ulong)TreeSize);
        ProofPath.Write(writer, Path);
    }

    public static InclusionProof Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var index = ProofPath.ReadSize(ref reader);
        var size = ProofPath.ReadSize(ref reader);
        var path = ProofPath.Read(ref reader);
        reader.EnsureEnd();
        return new InclusionProof(index, size, path);
    }
}
