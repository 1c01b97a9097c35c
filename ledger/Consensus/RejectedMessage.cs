namespace GovChain.Ledger.Consensus;

/// <summary>A message the core dropped and why; the host uses these to score and throttle peers.</summary>
public readonly record struct RejectedMessage(int FromPeer, string Reason);
