namespace GovChain.Ledger.Tests.Simulation;

/// <summary>What a Byzantine validator does on top of running the honest core.</summary>
[Flags]
internal enum ByzantineBehaviour
{
    None = 0,
    EquivocateProposals = 1,
    DoubleVote = 2,
    BadSignatures = 4,
    WithholdVotes = 8,
    GarbageMessages = 16,
    All = EquivocateProposals | DoubleVote | BadSignatures | WithholdVotes | GarbageMessages,
}
