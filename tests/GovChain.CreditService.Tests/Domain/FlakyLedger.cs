using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;

namespace GovChain.CreditService.Tests.Domain;

/// <summary>A ledger whose next submission of a given kind fails as if the node lost its validator (or crashed) mid-call.</summary>
public sealed class FlakyLedger(IAuditLedger inner) : IAuditLedger
{
    public Type? FailNext { get; set; }

    /// <summary>When set, the failing submission is committed first and only the reply is lost.</summary>
    public bool CommitBeforeFailing { get; set; }

    public string AgencyId => inner.AgencyId;

    public async Task<LedgerReceipt> SubmitAsync(TransactionPayload payload, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.GetType() != FailNext)
        {
            return await inner.SubmitAsync(payload, cancel);
        }

        FailNext = null;
        if (CommitBeforeFailing)
        {
            await inner.SubmitAsync(payload, cancel);
        }

        throw new LedgerUnavailableException("the ledger has not committed the record yet; retry with the same id");
    }

    public Task<LedgerReceipt> RelayAsync(byte[] signedTransaction, CancellationToken cancel = default) => inner.RelayAsync(signedTransaction, cancel);

    public Task<Participant?> ParticipantAsync(string id, CancellationToken cancel = default) => inner.ParticipantAsync(id, cancel);

    public Task<Participant?> ParticipantByKeyAsync(byte[] publicKey, CancellationToken cancel = default) => inner.ParticipantByKeyAsync(publicKey, cancel);

    public Task<ConsentRecord?> ConsentAsync(string id, CancellationToken cancel = default) => inner.ConsentAsync(id, cancel);

    public Task<CredentialRecord?> CredentialAsync(string id, CancellationToken cancel = default) => inner.CredentialAsync(id, cancel);

    public Task<QueryRecord?> QueryAsync(string id, CancellationToken cancel = default) => inner.QueryAsync(id, cancel);

    public Task<VerificationRecord?> VerificationAsync(string id, CancellationToken cancel = default) => inner.VerificationAsync(id, cancel);

    public Task<DenialRecord?> DenialAsync(string id, CancellationToken cancel = default) => inner.DenialAsync(id, cancel);

    public Task<TrailPage> TrailAsync(TrailQuery query, CancellationToken cancel = default) => inner.TrailAsync(query, cancel);

    public Task<LedgerStatus> StatusAsync(CancellationToken cancel = default) => inner.StatusAsync(cancel);
}
