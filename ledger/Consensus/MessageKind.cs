namespace GovChain.Ledger.Consensus;

/// <summary>The first byte of an encoded <see cref="ConsensusMessage"/>.</summary>
internal enum MessageKind : byte
{
    Proposal = 1,
    Vote = 2,
    Timeout = 3,
    BlockRequest = 4,
    BlockResponse = 5,
    EpochChange = 6,
    Wake = 7,
}
