namespace GovChain.Ledger.Consensus;

/// <summary>
/// What a validator must persist before any message it produced in a step leaves the machine, so that a restart can
/// never make it vote twice in a round or vote against its lock. Together with the committed chain it is the
/// whole durable state of the consensus core.
/// </summary>
public sealed record SafetyState(ulong Epoch, ulong LastVotedRound, ulong PreferredRound, QuorumCertificate HighQc);
