using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// "I hold transactions for this round": sent by a validator that is not the round's leader while the chain is idle,
/// so that a leader backing off between empty blocks proposes after the short idle wait instead (docs/consensus.md
/// §4). Unsigned: the worst a forged one can do is bring an idle network back to that short wait.
/// </summary>
public sealed class WakeMessage(ulong epoch, ulong round) : ConsensusMessage
{
    public ulong Epoch { get; } = epoch;

    public ulong Round { get; } = round;

    internal override MessageKind Kind => MessageKind.Wake;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
    }

    internal static WakeMessage ReadBody(ref CanonicalReader reader) => new(reader.ReadUInt64(), reader.ReadUInt64());
}
