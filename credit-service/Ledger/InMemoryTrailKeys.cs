using GovChain.Ledger.Application;
using GovChain.Ledger.Storage;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// Which trails an applied transaction belongs to, as the ledger's own (internal) TrailKeys decides it; mirrored here
/// so the in-memory ledger answers trail queries the way a validator does.
/// </summary>
internal static class InMemoryTrailKeys
{
    public static IEnumerable<(TrailIndex Index, string Key)> For(LedgerTransaction tx, AuditState state)
    {
        var actor = state.ParticipantByPublicKey(tx.Actor)!.Id;
        return tx.Payload switch
        {
            RegisterParticipant { Role: ParticipantRole.Subject } p => [(TrailIndex.Subject, p.ParticipantId)],
            RegisterParticipant { Role: ParticipantRole.Bureau } p => [(TrailIndex.Bureau, p.ParticipantId)],
            GrantConsent g => [(TrailIndex.Subject, actor), (TrailIndex.Bureau, g.Bureau), (TrailIndex.Consent, g.ConsentId)],
            RevokeConsent r => [(TrailIndex.Subject, actor), (TrailIndex.Bureau, state.Consent(r.ConsentId)!.Bureau), (TrailIndex.Consent, r.ConsentId)],
            RecordQuery q => [(TrailIndex.Subject, q.Subject), (TrailIndex.Bureau, q.Bureau), (TrailIndex.Consent, q.ConsentId)],
            IssueCredential i => [(TrailIndex.Subject, i.Holder)],
            RevokeCredential r => [(TrailIndex.Subject, state.Credential(r.CredentialId)!.Holder)],
            RecordProofVerification v => VerificationKeys(v, state),
            RecordDenial d => DenialKeys(d, state),
            _ => [],
        };
    }

    private static List<(TrailIndex, string)> VerificationKeys(RecordProofVerification v, AuditState state)
    {
        var keys = new List<(TrailIndex, string)>();
        if (state.Participant(v.Verifier) is { Role: ParticipantRole.Bureau })
        {
            keys.Add((TrailIndex.Bureau, v.Verifier));
        }

        if (state.Credential(v.CredentialId) is { } credential)
        {
            keys.Add((TrailIndex.Subject, credential.Holder));
        }

        return keys;
    }

    private static List<(TrailIndex, string)> DenialKeys(RecordDenial d, AuditState state)
    {
        var keys = new List<(TrailIndex, string)>();
        if (d.Subject.Length > 0)
        {
            keys.Add((TrailIndex.Subject, d.Subject));
        }

        if (state.Participant(d.Requester) is { Role: ParticipantRole.Bureau })
        {
            keys.Add((TrailIndex.Bureau, d.Requester));
        }

        return keys;
    }
}
