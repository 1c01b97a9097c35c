using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// A validator's signed vote for a block in a round. Votes go to every validator, so any of them can form the
/// certificate. A vote may carry the voter's signature on its own log's latest head (<see cref="Head"/>); it is
/// separate from the vote, which stays valid without it, so the log never holds consensus back.
/// </summary>
public sealed class VoteMessage(ulong epoch, ulong round, Hash32 blockHash, ushort voter, byte[] signature, HeadAttestation? head = null) : ConsensusMessage
{
    public ulong Epoch { get; } = epoch;

    public ulong Round { get; } = round;

    public Hash32 BlockHash { get; } = blockHash;

    public ushort Voter { get; } = voter;

    public byte[] Signature { get; } = signature;

    public HeadAttestation? Head { get; } = head;

    internal override MessageKind Kind => MessageKind.Vote;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
        writer.WriteHash(BlockHash);
        writer.WriteUInt16(Voter);
        writer.WriteBytes(Signature);
        writer.WriteBool(Head is not null);
        if (Head is not null)
        {
            Head.Head.WriteTo(writer);
            writer.WriteBytes(Head.Signature);
        }
    }

    internal static VoteMessage ReadBody(ref CanonicalReader reader) =>
        new(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadHash(), reader.ReadUInt16(), reader.ReadBytes(ValidatorSignature.MaxSignatureBytes),
            reader.ReadBool() ? new HeadAttestation(TreeHead.ReadFrom(ref reader), reader.ReadBytes(ValidatorSignature.MaxSignatureBytes)) : null);
}

/// <summary>A validator's SM2 signature on a tree head its own log reached (the <see cref="TreeHead.SigningPayload"/> bytes).</summary>
public sealed record HeadAttestation(TreeHead Head, byte[] Signature);
