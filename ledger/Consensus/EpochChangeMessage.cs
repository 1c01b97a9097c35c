using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// Proof that an epoch ended: the blocks from the one carrying the validator-set change up to a certified block,
/// oldest first, and the certificate whose 3-chain committed that block. A validator still in the old epoch checks
/// it with the old validators and commits exactly as if it had seen the certificate itself.
/// </summary>
public sealed class EpochChangeMessage(ImmutableArray<Block> chain, QuorumCertificate certificate) : ConsensusMessage
{
    public const int MaxChainLength = 256;

    public ImmutableArray<Block> Chain { get; } = chain;

    public QuorumCertificate Certificate { get; } = certificate;

    public ulong Epoch => Certificate.Epoch;

    internal override MessageKind Kind => MessageKind.EpochChange;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt32((uint)Chain.Length);
        foreach (var block in Chain)
        {
            block.WriteTo(writer);
        }

        Certificate.WriteTo(writer);
    }

    internal static EpochChangeMessage ReadBody(ref CanonicalReader reader)
    {
        var count = reader.ReadCount(MaxChainLength);
        var builder = ImmutableArray.CreateBuilder<Block>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(Block.ReadFrom(ref reader));
        }

        return new EpochChangeMessage(builder.MoveToImmutable(), QuorumCertificate.ReadFrom(ref reader));
    }
}
