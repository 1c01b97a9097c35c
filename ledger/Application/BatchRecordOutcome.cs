namespace GovChain.Ledger.Application;

/// <summary>Whether record <see cref="Index"/> of a batch took effect (and was logged), and why or why not.</summary>
public sealed record BatchRecordOutcome(int Index, bool Accepted, string Reason);
