using GovChain.CreditService.Hosting;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using Grpc.Core;

namespace GovChain.CreditService.Services;

/// <summary>
/// Relays a subject's wallet-signed GrantConsent/RevokeConsent transactions to the ledger, after checking that the
/// transaction's signer is the request's actor (a consent relayed by someone else is denied and recorded), and shows
/// a consent to those it concerns.
/// </summary>
public sealed class ConsentsService(IAuditLedger ledger, DenialRecorder denials, TimeProvider clock) : Consents.ConsentsBase
{
    public override Task<ConsentReply> Grant(RelayConsentRequest request, ServerCallContext context) =>
        RelayAsync<GrantConsent>(request, context, "Consents/Grant", g => g.ConsentId);

    public override Task<ConsentReply> Revoke(RelayConsentRequest request, ServerCallContext context) =>
        RelayAsync<RevokeConsent>(request, context, "Consents/Revoke", r => r.ConsentId);

    public override async Task<ConsentInfo> Get(GetConsentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        var id = RequestFields.Id(request.Id, "id");
        var consent = await ledger.ConsentAsync(id, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown consent {id}"));
        using (ServiceTelemetry.Source.StartActivity("authorize"))
        {
            var mayRead = actor.Role is ParticipantRole.Auditor or ParticipantRole.Agency || actor.Id == consent.Subject || actor.Id == consent.Bureau;
            if (!mayRead)
            {
                throw await denials.DenyAsync(actor, "Consents/Get", consent.Subject, "denied: only the consent's subject, its bureau, agencies and auditors read it",
                    context.CancellationToken).ConfigureAwait(false);
            }
        }

        var info = new ConsentInfo
        {
            Id = consent.Id,
            Subject = consent.Subject,
            Bureau = consent.Bureau,
            Purpose = consent.Purpose,
            Classification = (Classification)(int)consent.Classification,
            NotBefore = consent.NotBefore,
            Expires = consent.Expires,
            State = StateOf(consent, clock.GetUtcNow().ToUnixTimeSeconds()),
        };
        info.Categories.AddRange(consent.Categories);
        if (consent.RevokedAt is { } revoked)
        {
            info.RevokedAt = revoked;
        }

        return info;
    }

    /// <summary>"revoked", "expired", "not yet valid" or "active" at <paramref name="now"/> (unix seconds).</summary>
    public static string StateOf(ConsentRecord consent, long now)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return consent.RevokedAt is not null ? "revoked"
            : now >= consent.Expires ? "expired"
            : now < consent.NotBefore ? "not yet valid"
            : "active";
    }

    private async Task<ConsentReply> RelayAsync<TPayload>(RelayConsentRequest request, ServerCallContext context, string operation, Func<TPayload, string> consentId)
        where TPayload : TransactionPayload
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        var cancel = context.CancellationToken;
        var transaction = RequestFields.Transaction(request.SignedTransaction, "signed_transaction");
        if (transaction.Payload is not TPayload payload)
        {
            throw RequestFields.Invalid("signed_transaction", $"must carry a {typeof(TPayload).Name} transaction");
        }

        using (ServiceTelemetry.Source.StartActivity("authorize"))
        {
            if (!transaction.Actor.AsSpan().SequenceEqual(actor.PublicKey))
            {
                var signer = await ledger.ParticipantByKeyAsync(transaction.Actor, cancel).ConfigureAwait(false);
                throw await denials.DenyAsync(actor, operation, signer?.Id ?? string.Empty,
                    "denied: the consent transaction is signed by another participant than the requester", cancel).ConfigureAwait(false);
            }
        }

        var receipt = await ledger.RelayAsync(request.SignedTransaction.ToByteArray(), cancel).ConfigureAwait(false);
        if (!receipt.Accepted)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, receipt.Reason));
        }

        return new ConsentReply { ConsentId = consentId(payload), Receipt = receipt.ToMessage() };
    }
}
