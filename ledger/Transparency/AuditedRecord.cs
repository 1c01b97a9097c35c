namespace GovChain.Ledger.Transparency;

/// <summary>A logged record (the transaction bytes) and its inclusion proof.</summary>
public sealed record AuditedRecord(byte[] Record, InclusionProof Proof);
