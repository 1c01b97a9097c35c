using System.Collections.Immutable;
using System.Numerics;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>Proves that the tree of <see cref="FirstSize"/> leaves is a prefix of the tree of <see cref="SecondSize"/> leaves.</summary>
public sealed record ConsistencyProof(long FirstSize, long SecondSize, ImmutableArray<Hash32> Path)
{
    /// <summary>
    /// RFC 9162 §2.1.4.2. Equal sizes need an empty path and equal roots; size 0 is a prefix of everything (empty
    /// path); otherwise the path must rebuild both roots.
    /// </summary>
    public bool Verify(MerkleHasher hasher, Hash32 firstRoot, Hash32 secondRoot)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (FirstSize < 0 || FirstSize > SecondSize)
        {
            return false;
        }

        if (FirstSize == SecondSize)
        {
            return Path.IsEmpty && firstRoot == secondRoot;
        }

        if (FirstSize == 0)
        {
            return Path.IsEmpty && firstRoot == hasher.EmptyRoot();
        }

        if (Path.IsEmpty)
        {
            return false;
        }

        var path = BitOperations.IsPow2(FirstSize) ? Path.Insert(0, firstRoot) : Path;
        var fn = (ulong)(FirstSize - 1);
        var sn = (ulong)(SecondSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = hasher.HashChildren(c, fr);
                sr = hasher.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = hasher.HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return fr == firstRoot && sr == secondRoot && sn == 0;
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter();
        writer.WriteUInt64((ulong)FirstSize);
        writer.WriteUInt64((ulong)SecondSize);
        ProofPath.Write(writer, Path);
        return writer.ToArray();
    }

    public static ConsistencyProof Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var first = ProofPath.ReadSize(ref reader);
        var second = ProofPath.ReadSize(ref reader);
        var path = ProofPath.Read(ref reader);
        reader.EnsureEnd();
        return new ConsistencyProof(first, second, path);
    }
}
