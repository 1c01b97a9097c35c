namespace GovChain.Ledger.Tests.Simulation;

/// <summary>What a passing run measured: ticks from the heal until every honest node committed the marker.</summary>
internal sealed record SimulationResult(SimulationScenario Scenario, int TicksToLiveness, int CommittedHeight, long MessagesSent);
