using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A recorded proof verification, with the credential's ledger status at that moment.</summary>
public sealed record VerificationRecord(string Id, string CredentialId, string Verifier, string RecordedBy, Hash32 StatementHash, bool ProofValid, string CredentialStatus, long Time);
