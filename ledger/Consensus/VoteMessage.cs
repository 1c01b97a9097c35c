using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>A validator's signed vote for a block in a round. Votes go to every validator, so any of them can form the certificate.</summary>
public sealed class VoteMessage(ulong epoch, ulong round, Hash32 blockHash, ushort voter, byte[] signature) : ConsensusMessage
{
    public ulong Epoch { get; } = epoch;

    public ulong Round { get; } = round;

    public Hash32 BlockHash { get; } = blockHash;

    public ushort Voter { get; } = voter;

    public byte[] Signature { get; } = signature;

    internal override MessageKind Kind => MessageKind.Vote;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
        writer.WriteHash(BlockHash);
        writer.WriteUInt16(Voter);
        writer.WriteBytes(Signature);
    }

    internal static VoteMessage ReadBody(ref CanonicalReader reader) =>
        new(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadHash(), reader.ReadUInt16(), reader.ReadBytes(ValidatorSignature.MaxSignatureBytes));
}
