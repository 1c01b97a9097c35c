using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>The state of the transparency log after a committed block: its size and root, bound to that block.</summary>
public sealed record TreeHead(long TreeSize, Hash32 RootHash, ulong BlockHeight, Hash32 BlockHash)
{
    private static readonly byte[] Tag = "GovChain.treehead.v1"u8.ToArray();

    /// <summary>The bytes validators sign, bound to the chain id.</summary>
    public byte[] SigningPayload(Hash32 chainId)
    {
        var writer = new CanonicalWriter(128);
        writer.WriteFixed(Tag);
        writer.WriteHash(chainId);
        WriteTo(writer);
        return writer.ToArray();
    }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt64((ulong)TreeSize);
        writer.WriteHash(RootHash);
        writer.WriteUInt64(BlockHeight);
        writer.WriteHash(BlockHash);
    }

    public static TreeHead ReadFrom(ref CanonicalReader reader)
    {
        var size = ProofPath.ReadSize(ref reader);
        return new TreeHead(size, reader.ReadHash(), reader.ReadUInt64(), reader.ReadHash());
    }
}
