using GovChain.Ledger.Application;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// The service's only door to a ledger (ARCHITECTURE §2.5): submit a record and await its commit, relay a
/// participant-signed transaction, read registry state, and fetch trails and tree heads. Adapters sign and handle
/// nonces and retries; callers never see them. Unreachable or undecided ledgers surface as
/// <see cref="LedgerUnavailableException"/>.
/// </summary>
public interface IAuditLedger
{
    /// <summary>The agency this service node acts for: the issuer of its credentials and licences.</summary>
    string AgencyId { get; }

    /// <summary>Signs <paramref name="payload"/> as this node (issuance and revocation as <see cref="AgencyId"/>,
    /// everything else with any of its recorder keys) and waits for the commit.</summary>
    Task<LedgerReceipt> SubmitAsync(TransactionPayload payload, CancellationToken cancel = default);

    /// <summary>Submits a transaction a participant signed itself (consents, subject registration).</summary>
    Task<LedgerReceipt> RelayAsync(byte[] signedTransaction, CancellationToken cancel = default);

    Task<Participant?> ParticipantAsync(string id, CancellationToken cancel = default);

    Task<Participant?> ParticipantByKeyAsync(byte[] publicKey, CancellationToken cancel = default);

    Task<ConsentRecord?> ConsentAsync(string id, CancellationToken cancel = default);

    Task<CredentialRecord?> CredentialAsync(string id, CancellationToken cancel = default);

    Task<QueryRecord?> QueryAsync(string id, CancellationToken cancel = default);

    Task<VerificationRecord?> VerificationAsync(string id, CancellationToken cancel = default);

    Task<DenialRecord?> DenialAsync(string id, CancellationToken cancel = default);

    /// <summary>
    /// One page of a trail: records with inclusion proofs under a quorum-signed tree head and, where the ledger can give
    /// one (the BFT ledger and the in-memory one do), a quorum's statement that the page is complete (what
    /// <c>govchain audit verify</c> accepts once wrapped by <see cref="AuditExport.Encode"/>), and where the next page
    /// starts if the trail goes on. A page may hold fewer records than asked for and still be followed by another.
    /// </summary>
    Task<TrailPage> TrailAsync(TrailQuery query, CancellationToken cancel = default);

    Task<LedgerStatus> StatusAsync(CancellationToken cancel = default);
}
