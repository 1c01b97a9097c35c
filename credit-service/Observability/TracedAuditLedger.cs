using System.Diagnostics;
using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;

namespace GovChain.CreditService.Observability;

/// <summary>
/// Wraps an <see cref="IAuditLedger"/> so that every submission is a "ledger.submit" span of the current trace, is
/// timed in the metrics, and leaves a line with its trace id and receipt in the <see cref="TraceLog"/>.
/// </summary>
public sealed class TracedAuditLedger(IAuditLedger inner, TraceLog? log) : IAuditLedger
{
    public string AgencyId => inner.AgencyId;

    public Task<LedgerReceipt> SubmitAsync(TransactionPayload payload, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return TraceAsync(payload.Kind.ToString(), () => inner.SubmitAsync(payload, cancel));
    }

    public Task<LedgerReceipt> RelayAsync(byte[] signedTransaction, CancellationToken cancel = default) =>
        TraceAsync("Relay", () => inner.RelayAsync(signedTransaction, cancel));

    public Task<Participant?> ParticipantAsync(string id, CancellationToken cancel = default) => inner.ParticipantAsync(id, cancel);

    public Task<Participant?> ParticipantByKeyAsync(byte[] publicKey, CancellationToken cancel = default) => inner.ParticipantByKeyAsync(publicKey, cancel);

    public Task<ConsentRecord?> ConsentAsync(string id, CancellationToken cancel = default) => inner.ConsentAsync(id, cancel);

    public Task<CredentialRecord?> CredentialAsync(string id, CancellationToken cancel = default) => inner.CredentialAsync(id, cancel);

    public Task<QueryRecord?> QueryAsync(string id, CancellationToken cancel = default) => inner.QueryAsync(id, cancel);

    public Task<VerificationRecord?> VerificationAsync(string id, CancellationToken cancel = default) => inner.VerificationAsync(id, cancel);

    public Task<DenialRecord?> DenialAsync(string id, CancellationToken cancel = default) => inner.DenialAsync(id, cancel);

    public Task<TrailPage> TrailAsync(TrailQuery query, CancellationToken cancel = default) => inner.TrailAsync(query, cancel);

    public Task<LedgerStatus> StatusAsync(CancellationToken cancel = default) => inner.StatusAsync(cancel);

    private async Task<LedgerReceipt> TraceAsync(string operation, Func<Task<LedgerReceipt>> submit)
    {
        using var activity = ServiceTelemetry.Source.StartActivity("ledger.submit");
        activity?.SetTag("govchain.operation", operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var receipt = await submit().ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            activity?.SetTag("govchain.ledger.height", receipt.Height);
            activity?.SetTag("govchain.ledger.leaf", receipt.Leaf);
            activity?.SetTag("govchain.ledger.reason", receipt.Reason);
            activity?.AddEvent(new ActivityEvent(receipt.Accepted ? "ledger.commit" : "ledger.reject"));
            ServiceMetrics.LedgerSubmitted(receipt.Accepted ? "accepted" : "rejected", elapsed);
            log?.Append(new TraceEntry(DateTimeOffset.UtcNow, Activity.Current?.TraceId.ToHexString(), activity?.SpanId.ToHexString(), operation,
                receipt.Committed, receipt.Accepted, receipt.Reason, receipt.Height, receipt.Leaf, elapsed.TotalMilliseconds));
            return receipt;
        }
        catch (LedgerUnavailableException e)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            ServiceMetrics.LedgerSubmitted("unavailable", elapsed);
            log?.Append(new TraceEntry(DateTimeOffset.UtcNow, Activity.Current?.TraceId.ToHexString(), activity?.SpanId.ToHexString(), operation,
                false, false, e.Message, -1, -1, elapsed.TotalMilliseconds));
            throw;
        }
    }
}
