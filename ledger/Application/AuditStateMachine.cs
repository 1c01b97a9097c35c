using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Application;

/// <summary>
/// The deterministic system contracts. <see cref="Apply"/> checks a transaction the same way on every node — its
/// SM2 signature, the actor's nonce and role, and the contract's rules — against the state and the block time it is
/// given, and either applies it or rejects it without any change.
/// </summary>
public sealed class AuditStateMachine
{
    /// <summary>Longest consent window per classification; core data is never shared under consent.</summary>
    public static readonly TimeSpan MaxImportantConsent = TimeSpan.FromDays(90);

    public static readonly TimeSpan MaxGeneralConsent = TimeSpan.FromDays(365);

    private readonly Hash32 chainId;
    private readonly ISignatureVerifier verifier;

    /// <param name="genesisAgencies">The agencies registered at genesis (id, 65-byte SM2 public key).</param>
    /// <param name="state">The state to continue from (a validator's stored state); a new in-memory one if null. The
    /// agencies go into it only while it is empty.</param>
    public AuditStateMachine(Hash32 chainId, ISignatureVerifier verifier, IEnumerable<(string Id, byte[] PublicKey)> genesisAgencies, AuditState? state = null)
    {
        ArgumentNullException.ThrowIfNull(genesisAgencies);
        this.chainId = chainId;
        this.verifier = verifier;
        State = state ?? new AuditState();
        if (State.IsEmpty)
        {
            foreach (var (id, key) in genesisAgencies)
            {
                AddParticipant(new Participant(id, ParticipantRole.Agency, Convert.ToHexStringLower(key), 0));
            }
        }
    }

    public AuditState State { get; }

    public TransactionResult Apply(ReadOnlySpan<byte> transaction, long blockTime) => Apply(Check(transaction), blockTime);

    /// <summary>
    /// The state-independent half of <see cref="Apply(ReadOnlySpan{byte}, long)"/>: decoding and the signature check.
    /// It touches no state, so a block's transactions can be checked in parallel and then applied in order.
    /// </summary>
    public CheckedTransaction Check(ReadOnlySpan<byte> transaction) => Check(transaction, Hash32.Compute(transaction));

    /// <summary><see cref="Check(ReadOnlySpan{byte})"/> for a transaction whose id (its SM3) the block already holds.</summary>
    public CheckedTransaction Check(ReadOnlySpan<byte> transaction, Hash32 id)
    {
        try
        {
            var tx = LedgerTransaction.Decode(transaction);
            return tx.VerifySignature(chainId, verifier) ? new CheckedTransaction(id, tx, null) : new CheckedTransaction(id, null, "signature does not verify");
        }
        catch (LedgerFormatException ex)
        {
            return new CheckedTransaction(id, null, "malformed: " + ex.Message);
        }
    }

    /// <summary>Applies a transaction that <see cref="Check"/> produced, in block order.</summary>
    public TransactionResult Apply(CheckedTransaction checkedTransaction, long blockTime)
    {
        ArgumentNullException.ThrowIfNull(checkedTransaction);
        var id = checkedTransaction.Id;
        if (checkedTransaction.Transaction is not { } tx)
        {
            return TransactionResult.Reject(id, checkedTransaction.Error!);
        }

        var actorKey = Convert.ToHexStringLower(tx.Actor);
        var actor = State.ParticipantIdByKey(actorKey) is { } actorId ? State.Participant(actorId) : null;
        var expectedNonce = actor?.NextNonce ?? 0;
        if (tx.Nonce != expectedNonce)
        {
            return TransactionResult.Reject(id, $"nonce {tx.Nonce} but the actor's next nonce is {expectedNonce}");
        }

        if (actor is null && tx.Payload is not RegisterParticipant { Role: ParticipantRole.Subject })
        {
            return TransactionResult.Reject(id, "actor is not a registered participant");
        }

        if (tx.Payload is BatchedRecord)
        {
            return TransactionResult.Reject(id, "a batched record is logged by the ledger, never submitted");
        }

        if (tx.Payload is RecordBatch batch)
        {
            return ApplyBatch(id, actor!, actorKey, batch, blockTime);
        }

        var error = ApplyRecord(actor, actorKey, tx.Payload, blockTime);
        if (error is not null)
        {
            return TransactionResult.Reject(id, error);
        }

        AdvanceNonce(actorKey);
        return tx.Payload is RecordQuery query ? TransactionResult.Accept(id, State.Query(query.QueryId)!.Reason) : TransactionResult.Accept(id);
    }

    /// <summary>
    /// Each record is judged exactly as if the actor had signed it alone, in batch order; one that breaks a rule is
    /// skipped (no effect, no leaf) and the rest still apply. The batch consumes the actor's one nonce.
    /// </summary>
    private TransactionResult ApplyBatch(Hash32 id, Participant actor, string actorKey, RecordBatch batch, long blockTime)
    {
        var outcomes = new BatchRecordOutcome[batch.Records.Length];
        var accepted = 0;
        string? firstError = null;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var record = batch.Records[i];
            var error = ApplyRecord(actor, actorKey, record, blockTime);
            if (error is null)
            {
                accepted++;
                outcomes[i] = new BatchRecordOutcome(i, true, record is RecordQuery q ? State.Query(q.QueryId)!.Reason : "ok");
            }
            else
            {
                firstError ??= $"; record {i}: {error}";
                outcomes[i] = new BatchRecordOutcome(i, false, error);
            }
        }

        AdvanceNonce(actorKey);
        return TransactionResult.Accept(id, $"batch: {accepted} of {outcomes.Length} records accepted{firstError}") with { BatchRecords = outcomes };
    }

    private string? ApplyRecord(Participant? actor, string actorKey, TransactionPayload payload, long blockTime) => payload switch
    {
        RegisterParticipant p => Register(actor, actorKey, p),
        GrantConsent g => Grant(actor!, g, blockTime),
        RevokeConsent r => Revoke(actor!, r, blockTime),
        RecordQuery q => RecordQuery(actor!, q, blockTime),
        IssueCredential i => Issue(actor!, i, blockTime),
        RevokeCredential r => RevokeCredential(actor!, r, blockTime),
        RecordProofVerification v => RecordVerification(actor!, v, blockTime),
        RecordDenial d => RecordDenial(actor!, d, blockTime),
        _ => "unsupported transaction",
    };

    private void AdvanceNonce(string actorKey)
    {
        var signer = State.Participant(State.ParticipantIdByKey(actorKey)!)!;
        State.Put(signer with { NextNonce = signer.NextNonce + 1 });
    }

    private string? Register(Participant? actor, string actorKey, RegisterParticipant p)
    {
        if (p.PublicKey.Length != 65 || p.PublicKey[0] != 0x04)
        {
            return "a participant key is a 65-byte uncompressed SM2 point";
        }

        var key = Convert.ToHexStringLower(p.PublicKey);
        if (actor is null && key != actorKey)
        {
            return "a subject registers itself with its own key";
        }

        if (actor is not null && actor.Role != ParticipantRole.Agency)
        {
            return "only an agency registers other participants";
        }

        if (State.Has(StateTable.Participants, p.ParticipantId) || State.ParticipantIdByKey(key) is not null)
        {
            return $"participant {p.ParticipantId} or its key is already registered";
        }

        AddParticipant(new Participant(p.ParticipantId, p.Role, key, 0));
        return null;
    }

    private string? Grant(Participant actor, GrantConsent g, long time)
    {
        if (actor.Role != ParticipantRole.Subject)
        {
            return "only a subject grants consent";
        }

        if (State.Has(StateTable.Consents, g.ConsentId))
        {
            return $"consent {g.ConsentId} already exists";
        }

        if (State.Participant(g.Bureau) is not { Role: ParticipantRole.Bureau })
        {
            return $"{g.Bureau} is not a registered bureau";
        }

        if (g.Categories.Length == 0)
        {
            return "a consent names at least one data category";
        }

        if (g.NotBefore >= g.Expires || g.Expires <= time)
        {
            return "the consent window is empty or already over";
        }

        // Unsigned: NotBefore < Expires, so the difference is positive even where a signed one would overflow.
        var windowSeconds = unchecked((ulong)(g.Expires - g.NotBefore));
        var limit = g.Classification switch
        {
            DataClassification.Core => (TimeSpan?)null,
            DataClassification.Important => MaxImportantConsent,
            _ => MaxGeneralConsent,
        };
        if (limit is null)
        {
            return "core data is never shared under consent";
        }

        if (windowSeconds > (ulong)limit.Value.TotalSeconds)
        {
            return $"{g.Classification} data may be consented for at most {limit.Value.TotalDays} days";
        }

        State.Put(new ConsentRecord(g.ConsentId, actor.Id, g.Bureau, g.Purpose, g.Categories, g.Classification, g.NotBefore, g.Expires, null));
        return null;
    }

    private string? Revoke(Participant actor, RevokeConsent r, long time)
    {
        if (State.Consent(r.ConsentId) is not { } consent)
        {
            return $"no consent {r.ConsentId}";
        }

        if (consent.Subject != actor.Id)
        {
            return "only the consent's subject revokes it";
        }

        if (consent.RevokedAt is not null)
        {
            return "consent is already revoked";
        }

        State.Put(consent with { RevokedAt = time });
        return null;
    }

    private string? RecordQuery(Participant actor, RecordQuery q, long time)
    {
        if (actor.Role != ParticipantRole.Agency)
        {
            return "only an agency node records queries";
        }

        if (State.Has(StateTable.Queries, q.QueryId))
        {
            return $"query {q.QueryId} already recorded";
        }

        if (State.Participant(q.Bureau) is not { Role: ParticipantRole.Bureau })
        {
            return $"{q.Bureau} is not a registered bureau";
        }

        var reason = QueryDenialReason(q, time);
        State.Put(new QueryRecord(q.QueryId, q.ConsentId, q.Bureau, actor.Id, q.Subject, q.Categories, q.ModelHash, q.InputHash,
            q.OutputHash, q.RequestHash, time, reason is null, reason ?? "allowed"));
        return null;
    }

    private string? QueryDenialReason(RecordQuery q, long time)
    {
        if (State.Consent(q.ConsentId) is not { } c)
        {
            return "denied: no such consent";
        }

        if (c.Bureau != q.Bureau)
        {
            return "denied: the consent was given to another bureau";
        }

        if (c.Subject != q.Subject)
        {
            return "denied: the consent is for another subject";
        }

        if (c.RevokedAt is { } revoked && revoked <= time)
        {
            return $"denied: consent revoked at {revoked}";
        }

        if (time < c.NotBefore)
        {
            return "denied: consent not yet valid";
        }

        if (time >= c.Expires)
        {
            return $"denied: consent expired at {c.Expires}";
        }

        var missing = q.Categories.FirstOrDefault(cat => Array.BinarySearch(c.Categories, cat, StringComparer.Ordinal) < 0);
        return missing is null ? null : $"denied: category {missing} is outside the consent's scope";
    }

    private string? Issue(Participant actor, IssueCredential i, long time)
    {
        if (actor.Role != ParticipantRole.Agency)
        {
            return "only an agency issues credentials and licences";
        }

        if (State.Has(StateTable.Credentials, i.CredentialId))
        {
            return $"credential {i.CredentialId} already exists";
        }

        if (!State.Has(StateTable.Participants, i.Holder))
        {
            return $"holder {i.Holder} is not registered";
        }

        State.Put(new CredentialRecord(i.CredentialId, i.CredentialKind, actor.Id, i.Holder, i.Type, i.ContentHash, time, null));
        return null;
    }

    private string? RevokeCredential(Participant actor, RevokeCredential r, long time)
    {
        if (State.Credential(r.CredentialId) is not { } c)
        {
            return $"no credential {r.CredentialId}";
        }

        if (c.Issuer != actor.Id)
        {
            return "only the issuer revokes a credential";
        }

        if (c.RevokedAt is not null)
        {
            return "credential is already revoked";
        }

        State.Put(c with { RevokedAt = time });
        return null;
    }

    private string? RecordVerification(Participant actor, RecordProofVerification v, long time)
    {
        if (actor.Role != ParticipantRole.Agency)
        {
            return "only an agency node records proof verifications";
        }

        if (State.Has(StateTable.Verifications, v.VerificationId))
        {
            return $"verification {v.VerificationId} already recorded";
        }

        if (State.Participant(v.Verifier) is not { Role: ParticipantRole.Bureau or ParticipantRole.Agency })
        {
            return $"{v.Verifier} is not a registered bureau or agency";
        }

        var status = State.Credential(v.CredentialId) switch
        {
            null => "unknown",
            { RevokedAt: not null } => "revoked",
            _ => "active",
        };
        State.Put(new VerificationRecord(v.VerificationId, v.CredentialId, v.Verifier, actor.Id, v.StatementHash, v.ProofValid, status, time));
        return null;
    }

    private string? RecordDenial(Participant actor, RecordDenial d, long time)
    {
        if (actor.Role != ParticipantRole.Agency)
        {
            return "only an agency node records denials";
        }

        if (State.Has(StateTable.Denials, d.DenialId))
        {
            return $"denial {d.DenialId} already recorded";
        }

        State.Put(new DenialRecord(d.DenialId, actor.Id, d.Requester, d.Operation, d.Subject, d.Reason, d.RequestHash, time));
        return null;
    }

    private void AddParticipant(Participant participant)
    {
        State.Put(participant);
    }
}
