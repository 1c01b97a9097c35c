using GovChain.Ledger.Application;

namespace GovChain.Ledger.Storage;

/// <summary>Which subject, bureau and consent an accepted transaction concerns, read after it was applied.</summary>
internal static class TrailKeys
{
    /// <summary>Adds the trail entries of a transaction logged at <paramref name="leaf"/> to <paramref name="entries"/>.</summary>
    public static void Add(LedgerTransaction tx, AuditState state, long leaf, List<(TrailIndex, string, long)> entries) =>
        Add(state.ParticipantIdByKey(Convert.ToHexStringLower(tx.Actor))!, tx.Payload, state, leaf, entries);

    /// <summary>
    /// Adds the entries of one record applied by <paramref name="actor"/> and logged at <paramref name="leaf"/>; a
    /// batched record is keyed as its inner record. Appends in place: a batch commit adds thousands.
    /// </summary>
    public static void Add(string actor, TransactionPayload payload, AuditState state, long leaf, List<(TrailIndex, string, long)> entries)
    {
        switch (payload)
        {
            case BatchedRecord b:
                Add(actor, b.Record, state, leaf, entries);
                break;
            case RegisterParticipant { Role: ParticipantRole.Subject } p:
                entries.Add((TrailIndex.Subject, p.ParticipantId, leaf));
                break;
            case RegisterParticipant { Role: ParticipantRole.Bureau } p:
                entries.Add((TrailIndex.Bureau, p.ParticipantId, leaf));
                break;
            case GrantConsent g:
                entries.Add((TrailIndex.Subject, actor, leaf));
                entries.Add((TrailIndex.Bureau, g.Bureau, leaf));
                entries.Add((TrailIndex.Consent, g.ConsentId, leaf));
                break;
            case RevokeConsent r:
                entries.Add((TrailIndex.Subject, actor, leaf));
                entries.Add((TrailIndex.Bureau, state.Consent(r.ConsentId)!.Bureau, leaf));
                entries.Add((TrailIndex.Consent, r.ConsentId, leaf));
                break;
            case RecordQuery q:
                entries.Add((TrailIndex.Subject, q.Subject, leaf));
                entries.Add((TrailIndex.Bureau, q.Bureau, leaf));
                entries.Add((TrailIndex.Consent, q.ConsentId, leaf));
                break;
            case IssueCredential i:
                entries.Add((TrailIndex.Subject, i.Holder, leaf));
                break;
            case RevokeCredential r:
                entries.Add((TrailIndex.Subject, state.Credential(r.CredentialId)!.Holder, leaf));
                break;
            case RecordProofVerification v:
                if (state.Participant(v.Verifier) is { Role: ParticipantRole.Bureau })
                {
                    entries.Add((TrailIndex.Bureau, v.Verifier, leaf));
                }

                if (state.Credential(v.CredentialId) is { } credential)
                {
                    entries.Add((TrailIndex.Subject, credential.Holder, leaf));
                }

                break;
            case RecordDenial d:
                if (d.Subject.Length > 0)
                {
                    entries.Add((TrailIndex.Subject, d.Subject, leaf));
                }

                if (state.Participant(d.Requester) is { Role: ParticipantRole.Bureau })
                {
                    entries.Add((TrailIndex.Bureau, d.Requester, leaf));
                }

                break;
        }
    }
}
