using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>The leader's block for its round, signed by the leader, with the timeout certificate that let it skip a round.</summary>
public sealed class ProposalMessage(Block block, TimeoutCertificate? lastRoundTimeout, byte[] signature) : ConsensusMessage
{
    public Block Block { get; } = block;

    public TimeoutCertificate? LastRoundTimeout { get; } = lastRoundTimeout;

    public byte[] Signature { get; } = signature;

    internal override MessageKind Kind => MessageKind.Proposal;

    private protected override int BlockBytes => Block.Encode().Length;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        Block.WriteTo(writer);
        writer.WriteBool(LastRoundTimeout is not null);
        LastRoundTimeout?.WriteTo(writer);
        writer.WriteBytes(Signature);
    }

    internal static ProposalMessage ReadBody(ref CanonicalReader reader)
    {
        var block = Block.ReadFrom(ref reader);
        var tc = reader.ReadBool() ? TimeoutCertificate.ReadFrom(ref reader) : null;
        return new ProposalMessage(block, tc, reader.ReadBytes(ValidatorSignature.MaxSignatureBytes));
    }
}
