using GovChain.Crypto;
using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;

namespace GovChain.CreditService.Domain;

/// <summary>Registry lookups the feature services share: participants' keys and credential or licence records.</summary>
internal static class LedgerDirectory
{
    public static async Task<Sm2PublicKey?> KeyOfAsync(this IAuditLedger ledger, string participantId, CancellationToken cancel) =>
        await ledger.ParticipantAsync(participantId, cancel).ConfigureAwait(false) is { } p ? Sm2PublicKey.FromHex(p.PublicKeyHex) : null;

    /// <exception cref="ResourceNotFoundException">No record of this kind under the id.</exception>
    public static async Task<CredentialRecord> RecordOfAsync(this IAuditLedger ledger, string id, CredentialKind kind, CancellationToken cancel)
    {
        var record = await ledger.CredentialAsync(id, cancel).ConfigureAwait(false);
        return record is not null && record.Kind == kind ? record : throw new ResourceNotFoundException($"no {Noun(kind)} {id}");
    }

    /// <summary>"active" or "revoked" as the registry stands.</summary>
    public static string StatusOf(CredentialRecord? record) => record switch
    {
        null => "unknown",
        { RevokedAt: not null } => "revoked",
        _ => "active",
    };

    public static string Noun(CredentialKind kind) => kind == CredentialKind.Licence ? "licence" : "credential";

    /// <summary>Revokes a credential or licence this node's agency issued; the requester must be that agency.</summary>
    public static async Task<LedgerReceipt> RevokeAsync(this IAuditLedger ledger, DenialRecorder denials, Security.VerifiedActor actor, string id,
        CredentialKind kind, CancellationToken cancel)
    {
        var record = await ledger.RecordOfAsync(RequestFieldRules.Id(id, "id"), kind, cancel).ConfigureAwait(false);
        if (actor.Id != record.Issuer || record.Issuer != ledger.AgencyId)
        {
            var operation = kind == CredentialKind.Licence ? "Licences/Revoke" : "Credentials/Revoke";
            throw await denials.DenyAsync(actor, operation, record.Holder, $"only the issuing agency {record.Issuer} revokes {Noun(kind)} {id}", cancel)
                .ConfigureAwait(false);
        }

        var receipt = await ledger.SubmitAsync(new RevokeCredential(id), cancel).ConfigureAwait(false);
        return receipt.Accepted ? receipt : throw new LedgerRejectionException(receipt.Reason);
    }
}
