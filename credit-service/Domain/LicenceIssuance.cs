using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using GovChain.Wallet.Documents;

namespace GovChain.CreditService.Domain;

/// <summary>
/// E-licences: the agency seals the document for the holder (<see cref="LicenceIssuer"/>), keeps the blob in the
/// content-addressed store and the envelope by id, and registers the ciphertext hash on the ledger; only the holder
/// fetches it; verifiers check a holder's disclosure token against the ledger; the issuer revokes.
/// </summary>
public sealed class LicenceIssuance
{
    public const int MaxValidDays = 3650;

    private readonly IAuditLedger ledger;
    private readonly AgencyIdentity agency;
    private readonly BlobStore blobs;
    private readonly LicenceEnvelopeStore envelopes;
    private readonly TimeProvider clock;
    private readonly DenialRecorder denials;
    private readonly VerificationRecorder recorder;

    public LicenceIssuance(IAuditLedger ledger, AgencyIdentity agency, BlobStore blobs, LicenceEnvelopeStore envelopes, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(envelopes);
        ArgumentNullException.ThrowIfNull(clock);
        this.ledger = ledger;
        this.agency = agency;
        this.blobs = blobs;
        this.envelopes = envelopes;
        this.clock = clock;
        denials = new DenialRecorder(ledger);
        recorder = new VerificationRecorder(ledger);
    }

    public async Task<IssuedLicence> IssueAsync(VerifiedActor actor, LicenceApplication application, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(application);
        var holder = RequestFieldRules.Id(application.Holder, "holder");
        using var span = ServiceTelemetry.Source.StartActivity("licence.issue");
        if (actor.Role != ParticipantRole.Agency || actor.Id != agency.Id)
        {
            throw await denials.DenyAsync(actor, "Licences/Issue", holder, $"only agency {agency.Id} issues licences from this node", cancel).ConfigureAwait(false);
        }

        if (application.ValidDays is < 1 or > MaxValidDays)
        {
            throw new MalformedInputException("valid_days", $"must be between 1 and {MaxValidDays}");
        }

        if (await ledger.KeyOfAsync(holder, cancel).ConfigureAwait(false) is not { } holderKey)
        {
            var reason = await denials.RecordAsync(actor, "Licences/Issue", holder, $"holder {holder} is not registered", cancel).ConfigureAwait(false);
            throw new ResourceNotFoundException(reason);
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var id = RequestFieldRules.NewId("lic");
        LicenceEnvelope envelope;
        byte[] blob;
        try
        {
            var document = new LicenceDocument(id, application.Type, application.Number, application.HolderName, holder, agency.Id,
                application.Fields, now, now + (application.ValidDays * 86_400L));
            (envelope, blob) = LicenceIssuer.Issue(agency.Key, agency.Id, holder, holderKey, document, now);
        }
        catch (WalletFormatException ex)
        {
            throw new MalformedInputException("licence", ex.Message, ex);
        }

        blobs.Put(blob);
        envelopes.Put(envelope);
        var receipt = await ledger.SubmitAsync(new IssueCredential(id, CredentialKind.Licence, holder, envelope.Type, envelope.CiphertextHash), cancel)
            .ConfigureAwait(false);
        return receipt.Accepted
            ? new IssuedLicence(id, envelope.ToJson(), receipt.Height, receipt.Leaf)
            : throw new LedgerRejectionException(receipt.Reason);
    }

    public async Task<FetchedLicence> FetchAsync(VerifiedActor actor, string id, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await ledger.RecordOfAsync(RequestFieldRules.Id(id, "id"), CredentialKind.Licence, cancel).ConfigureAwait(false);
        if (actor.Id != record.Holder)
        {
            throw await denials.DenyAsync(actor, "Licences/Fetch", record.Holder, $"only the holder fetches licence {id}", cancel).ConfigureAwait(false);
        }

        var envelope = envelopes.TryGet(id) ?? throw new ResourceNotFoundException($"licence {id} was issued by {record.Issuer}; fetch it from that agency's node");
        var blob = blobs.TryGet(envelope.CiphertextHash) ?? throw new ResourceNotFoundException($"the sealed document of licence {id} is missing");
        return new FetchedLicence(envelope.ToJson(), blob);
    }

    /// <summary>Checks a disclosure token for the requester (its audience) and the licence's ledger entry, and records the check.</summary>
    public async Task<(VerificationOutcome Outcome, CredentialRecord? Record)> VerifyAsync(VerifiedActor actor, string token, string? verificationId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var vid = RequestFieldRules.IdOrNew(verificationId, "verification_id", "verif");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new MalformedInputException("token", "is empty");
        }

        LicenceDisclosure disclosure;
        try
        {
            disclosure = LicenceDisclosure.FromToken(token);
        }
        catch (WalletFormatException ex)
        {
            throw new MalformedInputException("token", ex.Message, ex);
        }

        DisclosureVerdict verdict;
        using (ServiceTelemetry.Source.StartActivity("licence.verify"))
        {
            verdict = disclosure.Verify(clock.GetUtcNow().ToUnixTimeSeconds(), actor.Id);
        }

        var record = await ledger.CredentialAsync(verdict.LicenceId, cancel).ConfigureAwait(false);
        var problem = await RegistryProblemAsync(disclosure.Envelope, record, cancel).ConfigureAwait(false);
        var valid = verdict.Valid && problem is null;
        var outcome = await recorder.RecordAsync(vid, verdict.LicenceId, actor.Id, disclosure.Hash, valid, !verdict.Valid ? verdict.Reason : problem ?? "valid",
            LedgerDirectory.StatusOf(record), cancel).ConfigureAwait(false);
        return (outcome, record);
    }

    public Task<LedgerReceipt> RevokeAsync(VerifiedActor actor, string id, CancellationToken cancel) =>
        ledger.RevokeAsync(denials, actor, id, CredentialKind.Licence, cancel);

    private async Task<string?> RegistryProblemAsync(LicenceEnvelope envelope, CredentialRecord? record, CancellationToken cancel)
    {
        if (record is not { Kind: CredentialKind.Licence })
        {
            return $"licence {envelope.Id} is not on the ledger";
        }

        if (record.Issuer != envelope.Issuer || record.Holder != envelope.Holder || record.ContentHash != envelope.CiphertextHash)
        {
            return $"licence {envelope.Id} on the ledger names another issuer, holder or document";
        }

        var issuer = await ledger.ParticipantAsync(envelope.Issuer, cancel).ConfigureAwait(false);
        if (issuer is not { Role: ParticipantRole.Agency } || issuer.PublicKeyHex != Convert.ToHexStringLower(envelope.IssuerPublicKey))
        {
            return $"the envelope's issuer key is not agency {envelope.Issuer}'s registered key";
        }

        var holder = await ledger.ParticipantAsync(envelope.Holder, cancel).ConfigureAwait(false);
        if (holder is null || holder.PublicKeyHex != Convert.ToHexStringLower(envelope.HolderPublicKey))
        {
            return $"the envelope's holder key is not {envelope.Holder}'s registered key";
        }

        return record.RevokedAt is { } at ? $"licence {envelope.Id} was revoked at {at}" : null;
    }
}
