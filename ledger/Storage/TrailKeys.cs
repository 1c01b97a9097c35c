using GovChain.Ledger.Application;

namespace GovChain.Ledger.Storage;

/// <summary>Which subject, bureau and consent an accepted transaction concerns, read after it was applied.</summary>
internal static class TrailKeys
{
    public static IEnumerable<(TrailIndex Index, string Key)> For(LedgerTransaction tx, AuditState state) =>
        For(state.ParticipantByKey[Convert.ToHexStringLower(tx.Actor)], tx.Payload, state);

    /// <summary>The keys of one record applied by <paramref name="actor"/>; a batched record is keyed as its inner record.</summary>
    public static IEnumerable<(TrailIndex Index, string Key)> For(string actor, TransactionPayload payload, AuditState state)
    {
        switch (payload)
        {
            case BatchedRecord b:
                foreach (var key in For(actor, b.Record, state))
                {
                    yield return key;
                }

                break;
            case RegisterParticipant { Role: ParticipantRole.Subject } p:
                yield return (TrailIndex.Subject, p.ParticipantId);
                break;
            case RegisterParticipant { Role: ParticipantRole.Bureau } p:
                yield return (TrailIndex.Bureau, p.ParticipantId);
                break;
            case GrantConsent g:
                yield return (TrailIndex.Subject, actor);
                yield return (TrailIndex.Bureau, g.Bureau);
                yield return (TrailIndex.Consent, g.ConsentId);
                break;
            case RevokeConsent r:
                yield return (TrailIndex.Subject, actor);
                yield return (TrailIndex.Bureau, state.Consent(r.ConsentId)!.Bureau);
                yield return (TrailIndex.Consent, r.ConsentId);
                break;
            case RecordQuery q:
                yield return (TrailIndex.Subject, q.Subject);
                yield return (TrailIndex.Bureau, q.Bureau);
                yield return (TrailIndex.Consent, q.ConsentId);
                break;
            case IssueCredential i:
                yield return (TrailIndex.Subject, i.Holder);
                break;
            case RevokeCredential r:
                yield return (TrailIndex.Subject, state.Credential(r.CredentialId)!.Holder);
                break;
            case RecordProofVerification v:
                if (state.Participant(v.Verifier) is { Role: ParticipantRole.Bureau })
                {
                    yield return (TrailIndex.Bureau, v.Verifier);
                }

                if (state.Credential(v.CredentialId) is { } credential)
                {
                    yield return (TrailIndex.Subject, credential.Holder);
                }

                break;
            case RecordDenial d:
                if (d.Subject.Length > 0)
                {
                    yield return (TrailIndex.Subject, d.Subject);
                }

                if (state.Participant(d.Requester) is { Role: ParticipantRole.Bureau })
                {
                    yield return (TrailIndex.Bureau, d.Requester);
                }

                break;
        }
    }
}
