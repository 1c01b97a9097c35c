using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Records a proof or disclosure verification (RecordProofVerification). A retry under the same verification id whose
/// first try already committed gets that record's verdict back instead of a second record.
/// </summary>
internal sealed class VerificationRecorder(IAuditLedger ledger)
{
    public async Task<VerificationOutcome> RecordAsync(string verificationId, string credentialId, string verifier, Hash32 statementHash,
        bool valid, string reason, string status, CancellationToken cancel)
    {
        using var span = Observability.ServiceTelemetry.Source.StartActivity("ledger.record-verification");
        var receipt = await ledger.SubmitAsync(new RecordProofVerification(verificationId, credentialId, verifier, statementHash, valid), cancel)
            .ConfigureAwait(false);
        if (receipt.Accepted)
        {
            return new VerificationOutcome(valid, reason, status, verificationId, receipt.Height, receipt.Leaf);
        }

        var earlier = await ledger.VerificationAsync(verificationId, cancel).ConfigureAwait(false);
        if (earlier is null || earlier.Verifier != verifier || earlier.CredentialId != credentialId || earlier.StatementHash != statementHash)
        {
            throw new LedgerRejectionException(receipt.Reason);
        }

        var earlierReason = earlier.ProofValid ? "valid" : "not valid (as recorded by an earlier attempt)";
        return new VerificationOutcome(earlier.ProofValid, earlier.ProofValid == valid ? reason : earlierReason, earlier.CredentialStatus, verificationId, -1, -1);
    }
}
