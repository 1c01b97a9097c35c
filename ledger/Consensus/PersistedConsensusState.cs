namespace GovChain.Ledger.Consensus;

/// <summary>
/// Everything a validator persists, and restarts from: the committed chain (read once, oldest first; the core keeps
/// only its window of it when it has an archive), the safety state, the uncommitted block
/// tree (blocks it voted or locked on may exist nowhere else) and the proofs of past epoch changes it serves to
/// validators left behind.
/// </summary>
public sealed record PersistedConsensusState(
    IEnumerable<Block> CommittedChain,
    SafetyState? Safety,
    IReadOnlyCollection<Block> UncommittedBlocks,
    IReadOnlyList<EpochChangeMessage> EpochChanges);
