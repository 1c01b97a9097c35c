using System.Text;
using GovChain.Crypto;
using GovChain.CreditService.Data;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using GovChain.Wallet.Documents;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Issues credentials from the agency's data: the holder asks for its own (or the agency's operator asks for it), the
/// attributes come from <see cref="CredentialAttributes"/>, the agency key signs the statement, the ledger registers its
/// content hash, and the holder receives the Credential JSON SM2-encrypted to its ledger key.
/// </summary>
public sealed class CredentialIssuance
{
    private readonly IAuditLedger ledger;
    private readonly AgencyIdentity agency;
    private readonly ISubjectDataStore data;
    private readonly TimeProvider clock;
    private readonly DenialRecorder denials;

    public CredentialIssuance(IAuditLedger ledger, AgencyIdentity agency, ISubjectDataStore data, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clock);
        this.ledger = ledger;
        this.agency = agency;
        this.data = data;
        this.clock = clock;
        denials = new DenialRecorder(ledger);
    }

    public async Task<IssuedCredential> IssueAsync(VerifiedActor actor, string holder, string type, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        holder = RequestFieldRules.Id(holder, "holder");
        type = RequestFieldRules.Id(type, "type");
        using var span = ServiceTelemetry.Source.StartActivity("credential.issue");
        if (actor.Id != holder && !(actor.Role == ParticipantRole.Agency && actor.Id == agency.Id))
        {
            throw await denials.DenyAsync(actor, "Credentials/Issue", holder, $"only the holder or agency {agency.Id} asks for {holder}'s credentials", cancel)
                .ConfigureAwait(false);
        }

        if (await ledger.KeyOfAsync(holder, cancel).ConfigureAwait(false) is not { } holderKey)
        {
            var reason = await denials.RecordAsync(actor, "Credentials/Issue", holder, $"holder {holder} is not registered", cancel).ConfigureAwait(false);
            throw new ResourceNotFoundException(reason);
        }

        var attributes = CredentialAttributes.Derive(type, holder, data);
        var id = RequestFieldRules.NewId("cred");
        var credential = Credential.Issue(agency.Key, agency.Id, id, type, holder, attributes, clock.GetUtcNow().ToUnixTimeSeconds());
        var receipt = await ledger.SubmitAsync(new IssueCredential(id, CredentialKind.Credential, holder, type, credential.Statement.ContentHash), cancel)
            .ConfigureAwait(false);
        if (!receipt.Accepted)
        {
            throw new LedgerRejectionException(receipt.Reason);
        }

        var sealedCredential = holderKey.Encrypt(Encoding.UTF8.GetBytes(credential.ToJson())).Encode(Sm2CipherMode.C1C3C2);
        return new IssuedCredential(id, sealedCredential, credential.Statement.ToJson(), receipt.Height, receipt.Leaf);
    }

    public Task<CredentialRecord> StatusAsync(string id, CancellationToken cancel) =>
        ledger.RecordOfAsync(RequestFieldRules.Id(id, "id"), CredentialKind.Credential, cancel);

    public Task<LedgerReceipt> RevokeAsync(VerifiedActor actor, string id, CancellationToken cancel) =>
        ledger.RevokeAsync(denials, actor, id, CredentialKind.Credential, cancel);
}
