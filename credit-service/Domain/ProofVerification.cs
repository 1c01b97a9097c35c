using System.Globalization;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using GovChain.Wallet.Documents;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Verifies a holder's predicate proof for a bureau or agency: the issuer's signature and the Groth16 proof
/// (<see cref="PredicateVerifier"/>), the issuer key against the ledger's registry, and the credential's registry
/// entry (same statement, same holder, not revoked). Every verification is recorded, valid or not.
/// </summary>
public sealed class ProofVerification
{
    private readonly IAuditLedger ledger;
    private readonly PredicateVerifier verifier;
    private readonly TimeProvider clock;
    private readonly DenialRecorder denials;
    private readonly VerificationRecorder recorder;

    public ProofVerification(IAuditLedger ledger, PredicateVerifier verifier, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(clock);
        this.ledger = ledger;
        this.verifier = verifier;
        this.clock = clock;
        denials = new DenialRecorder(ledger);
        recorder = new VerificationRecorder(ledger);
    }

    public async Task<VerificationOutcome> VerifyAsync(VerifiedActor actor, string proofJson, string? verificationId, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var id = RequestFieldRules.IdOrNew(verificationId, "verification_id", "verif");
        var proof = Parse(proofJson);
        var statement = proof.Statement;
        if (actor.Role is not (ParticipantRole.Bureau or ParticipantRole.Agency))
        {
            throw await denials.DenyAsync(actor, "Proofs/Verify", statement.Holder, "only a bureau or an agency verifies predicate proofs", cancel)
                .ConfigureAwait(false);
        }

        PredicateVerdict verdict;
        using (var span = ServiceTelemetry.Source.StartActivity("zk.verify"))
        {
            span?.SetTag("govchain.predicate", proof.Predicate);
            verdict = Check(proof);
        }

        var record = await ledger.CredentialAsync(statement.Id, cancel).ConfigureAwait(false);
        var registryProblem = await RegistryProblemAsync(statement, record, cancel).ConfigureAwait(false);
        var valid = verdict.Valid && registryProblem is null;
        var reason = !verdict.Valid ? verdict.Reason : registryProblem ?? "valid";
        return await recorder.RecordAsync(id, statement.Id, actor.Id, statement.ContentHash, valid, reason, LedgerDirectory.StatusOf(record), cancel)
            .ConfigureAwait(false);
    }

    private static PredicateProof Parse(string proofJson)
    {
        if (string.IsNullOrWhiteSpace(proofJson))
        {
            throw new MalformedInputException("proof_json", "is empty");
        }

        try
        {
            return PredicateProof.FromJson(proofJson);
        }
        catch (WalletFormatException ex)
        {
            throw new MalformedInputException("proof_json", ex.Message, ex);
        }
    }

    private PredicateVerdict Check(PredicateProof proof)
    {
        var today = long.Parse(clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        try
        {
            return verifier.Verify(proof, today);
        }
        catch (WalletFormatException ex)
        {
            throw new MalformedInputException("proof_json", ex.Message, ex);
        }
    }

    /// <summary>Why the ledger's registry contradicts the statement, or null when issuer, holder, content and status agree.</summary>
    private async Task<string?> RegistryProblemAsync(CredentialStatement statement, CredentialRecord? record, CancellationToken cancel)
    {
        var issuer = await ledger.ParticipantAsync(statement.Issuer, cancel).ConfigureAwait(false);
        if (issuer is not { Role: ParticipantRole.Agency })
        {
            return $"issuer {statement.Issuer} is not a registered agency";
        }

        if (!string.Equals(issuer.PublicKeyHex, Convert.ToHexStringLower(statement.IssuerPublicKey), StringComparison.Ordinal))
        {
            return $"the statement's issuer key is not {statement.Issuer}'s registered key";
        }

        return record switch
        {
            null or { Kind: not CredentialKind.Credential } => $"credential {statement.Id} is not on the ledger",
            _ when record.Issuer != statement.Issuer || record.Holder != statement.Holder || record.Type != statement.Type
                => $"credential {statement.Id} on the ledger names another issuer, holder or type",
            _ when record.ContentHash != statement.ContentHash => $"the statement is not the one the ledger registered for credential {statement.Id}",
            { RevokedAt: { } at } => $"credential {statement.Id} was revoked at {at}",
            _ => null,
        };
    }
}
