using GovChain.CreditService.Domain;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using Grpc.Core;

namespace GovChain.CreditService.Services;

/// <summary>Verifies a holder's predicate proof for the requesting bureau or agency and records the verification.</summary>
public sealed class ProofsService(ProofVerification verification) : Proofs.ProofsBase
{
    public override Task<VerifyProofReply> Verify(VerifyProofRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var outcome = await verification.VerifyAsync(actor, request.ProofJson, request.VerificationId, context.CancellationToken).ConfigureAwait(false);
            return new VerifyProofReply
            {
                Valid = outcome.Valid,
                Reason = outcome.Reason,
                CredentialStatus = outcome.Status,
                VerificationId = outcome.VerificationId,
                Height = outcome.Height,
                Leaf = outcome.Leaf,
            };
        });
    }
}
