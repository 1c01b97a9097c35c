using System.Text;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Records an authorization denial on the ledger (RecordDenial) before the caller refuses the request, so denied
/// attempts are as traceable as allowed ones. Returns the exception to throw.
/// </summary>
public sealed class DenialRecorder
{
    private readonly IAuditLedger ledger;

    public DenialRecorder(IAuditLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        this.ledger = ledger;
    }

    /// <summary>Records the denial and returns an <see cref="AccessDeniedException"/> carrying <paramref name="reason"/>.</summary>
    public async Task<AccessDeniedException> DenyAsync(VerifiedActor actor, string operation, string subject, string reason, CancellationToken cancel)
    {
        var recorded = await RecordAsync(actor, operation, subject, reason, cancel).ConfigureAwait(false);
        return new AccessDeniedException(recorded);
    }

    /// <summary>Records the denial (also for refusals that map to another status, like an unknown subject) and returns its reason.</summary>
    public async Task<string> RecordAsync(VerifiedActor actor, string operation, string subject, string reason, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = reason.StartsWith("denied", StringComparison.Ordinal) ? reason : "denied: " + reason;
        var bounded = Truncate(text, RecordDenial.MaxReasonBytes);
        using var span = Observability.ServiceTelemetry.Source.StartActivity("ledger.record-denial");
        span?.SetTag("govchain.operation", operation);
        var receipt = await ledger.SubmitAsync(
            new RecordDenial(RequestFieldRules.NewId("denial"), actor.Id, operation, subject, bounded, actor.RequestHash), cancel).ConfigureAwait(false);
        return receipt.Accepted ? text : throw new LedgerRejectionException($"the ledger refused to record a denial: {receipt.Reason}");
    }

    private static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var end = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > maxBytes - 3)
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "...");
    }
}
