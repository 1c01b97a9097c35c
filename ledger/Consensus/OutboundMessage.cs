namespace GovChain.Ledger.Consensus;

/// <summary>A message the host must send: to one validator, or to every other validator when <see cref="To"/> is null.</summary>
public readonly record struct OutboundMessage(int? To, ConsensusMessage Message);
