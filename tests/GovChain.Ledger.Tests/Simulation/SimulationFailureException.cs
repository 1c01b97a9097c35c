namespace GovChain.Ledger.Tests.Simulation;

/// <summary>An invariant broke in a run; the message starts with the seed so the run can be replayed.</summary>
internal sealed class SimulationFailureException(string message) : Exception(message);
