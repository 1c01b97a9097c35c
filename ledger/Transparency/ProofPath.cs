using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>Encoding of proof paths: a u32 count, then the hashes.</summary>
internal static class ProofPath
{
    // A consistency proof for trees below 2^63 leaves has at most 2·63 hashes.
    private const int MaxLength = 128;

    public static void Write(CanonicalWriter writer, ImmutableArray<Hash32> path)
    {
        writer.WriteUInt32((uint)path.Length);
        foreach (var hash in path)
        {
            writer.WriteHash(hash);
        }
    }

    public static ImmutableArray<Hash32> Read(ref CanonicalReader reader)
    {
        var path = new Hash32[reader.ReadCount(MaxLength)];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = reader.ReadHash();
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(path);
    }

    public static long ReadSize(ref CanonicalReader reader)
    {
        var value = reader.ReadUInt64();
        if (value > long.MaxValue)
        {
            throw new LedgerFormatException($"tree size or index {value} is out of range");
        }

        return (long)value;
    }
}
