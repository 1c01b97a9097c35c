using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>Registers a participant. Subjects register themselves; other roles are registered by an agency.</summary>
public sealed record RegisterParticipant(string ParticipantId, ParticipantRole Role, byte[] PublicKey) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.RegisterParticipant;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(ParticipantId);
        writer.WriteByte((byte)Role);
        writer.WriteBytes(PublicKey);
    }

    internal static RegisterParticipant ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadEnum<ParticipantRole>(ref reader), reader.ReadBytes(LedgerTransaction.MaxPublicKeyBytes));
}
