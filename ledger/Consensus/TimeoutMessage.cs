using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// A validator gives up on a round; it carries the validator's highest certificate and, when it reached this round by
/// a timeout certificate, that certificate, so that validators left behind can catch up.
/// </summary>
public sealed class TimeoutMessage(ulong epoch, ulong round, ushort voter, QuorumCertificate highQc, TimeoutCertificate? lastRoundTimeout, byte[] signature)
    : ConsensusMessage
{
    public ulong Epoch { get; } = epoch;

    public ulong Round { get; } = round;

    public ushort Voter { get; } = voter;

    public QuorumCertificate HighQc { get; } = highQc;

    public TimeoutCertificate? LastRoundTimeout { get; } = lastRoundTimeout;

    public byte[] Signature { get; } = signature;

    internal override MessageKind Kind => MessageKind.Timeout;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
        writer.WriteUInt16(Voter);
        HighQc.WriteTo(writer);
        writer.WriteBool(LastRoundTimeout is not null);
        LastRoundTimeout?.WriteTo(writer);
        writer.WriteBytes(Signature);
    }

    internal static TimeoutMessage ReadBody(ref CanonicalReader reader)
    {
        var epoch = reader.ReadUInt64();
        var round = reader.ReadUInt64();
        var voter = reader.ReadUInt16();
        var qc = QuorumCertificate.ReadFrom(ref reader);
        var tc = reader.ReadBool() ? TimeoutCertificate.ReadFrom(ref reader) : null;
        return new TimeoutMessage(epoch, round, voter, qc, tc, reader.ReadBytes(ValidatorSignature.MaxSignatureBytes));
    }
}
