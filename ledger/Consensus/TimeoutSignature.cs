namespace GovChain.Ledger.Consensus;

/// <summary>One validator's signed timeout inside a <see cref="TimeoutCertificate"/>.</summary>
public sealed record TimeoutSignature(ushort Validator, ulong HighQcRound, byte[] Signature);
