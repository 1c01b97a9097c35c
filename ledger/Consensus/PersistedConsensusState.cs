namespace GovChain.Ledger.Consensus;

/// <summary>
/// Everything a validator persists, and restarts from: the committed chain (read once, in height order; the core keeps
/// only its window of it when it has an archive), the safety state, the uncommitted block
/// tree (blocks it voted or locked on may exist nowhere else) and the proofs of past epoch changes it serves to
/// validators left behind.
/// </summary>
/// <remarks>
/// The chain may skip heights: it must hold genesis, every block that carries a validator-set change and the newest
/// blocks up to the tip; where heights are consecutive, each block must name the one before as its parent.
/// </remarks>
public sealed record PersistedConsensusState(
    IEnumerable<Block> CommittedChain,
    SafetyState? Safety,
    IReadOnlyCollection<Block> UncommittedBlocks,
    IReadOnlyList<EpochChangeMessage> EpochChanges);
