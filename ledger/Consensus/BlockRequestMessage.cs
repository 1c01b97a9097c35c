using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// Asks a peer for a block and its ancestors down to (not including) the requester's committed height. It names the
/// requester's epoch, so a peer further ahead answers with the epoch change the requester missed.
/// </summary>
public sealed class BlockRequestMessage(ulong epoch, Hash32 blockHash, ulong committedHeight) : ConsensusMessage
{
    public ulong Epoch { get; } = epoch;

    public Hash32 BlockHash { get; } = blockHash;

    public ulong CommittedHeight { get; } = committedHeight;

    internal override MessageKind Kind => MessageKind.BlockRequest;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteHash(BlockHash);
        writer.WriteUInt64(CommittedHeight);
    }

    internal static BlockRequestMessage ReadBody(ref CanonicalReader reader) => new(reader.ReadUInt64(), reader.ReadHash(), reader.ReadUInt64());
}
