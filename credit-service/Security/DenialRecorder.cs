using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;
using Grpc.Core;

namespace GovChain.CreditService.Security;

/// <summary>
/// Puts an authorization denial on the ledger (RecordDenial, keyed by the signed request's hash so each request is
/// recorded once) and gives back the PERMISSION_DENIED status to throw. Bad signatures and replays never get here:
/// only authenticated requests that were not allowed.
/// </summary>
public sealed class DenialRecorder(IAuditLedger ledger)
{
    public async Task<RpcException> DenyAsync(VerifiedActor actor, string operation, string subject, string reason, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var id = "denial-" + actor.RequestHash.ToString()[..32];
        var trimmed = reason.Length > 160 ? reason[..160] : reason;
        // An id too long for the ledger is left out rather than making the denial unrecordable.
        var recordedSubject = System.Text.Encoding.UTF8.GetByteCount(subject) <= TransactionPayload.MaxIdBytes ? subject : string.Empty;
        var receipt = await ledger.SubmitAsync(new RecordDenial(id, actor.Id, operation, recordedSubject, trimmed, actor.RequestHash), cancel).ConfigureAwait(false);
        if (!receipt.Accepted && !receipt.Reason.Contains("already recorded", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the ledger refused to record a denial: " + receipt.Reason);
        }

        return new RpcException(new Status(StatusCode.PermissionDenied, reason));
    }
}
