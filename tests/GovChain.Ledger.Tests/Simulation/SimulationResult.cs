namespace GovChain.Ledger.Tests.Simulation;

/// <summary>What a passing run measured: ticks from the heal until every honest node committed the marker.</summary>
/// <param name="SignedHeadBlocks">Committed blocks (on the canonical chain) that carry a quorum-signed tree head.</param>
internal sealed record SimulationResult(SimulationScenario Scenario, int TicksToLiveness, int CommittedHeight, long MessagesSent, int SignedHeadBlocks, int ArchiveReads);
