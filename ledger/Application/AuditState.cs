using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// The system contracts' state. Every map is ordinal-sorted so that the canonical encoding, and therefore the SM3
/// state root, is the same on every node that applied the same transactions.
/// </summary>
public sealed class AuditState
{
    private static readonly byte[] RootTag = "GovChain.state.v1"u8.ToArray();

    internal SortedDictionary<string, Participant> Participants { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, string> ParticipantByKey { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, ConsentRecord> Consents { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, QueryRecord> Queries { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, CredentialRecord> Credentials { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, VerificationRecord> Verifications { get; } = new(StringComparer.Ordinal);

    public Participant? Participant(string id) => Participants.GetValueOrDefault(id);

    public ConsentRecord? Consent(string id) => Consents.GetValueOrDefault(id);

    public QueryRecord? Query(string id) => Queries.GetValueOrDefault(id);

    public CredentialRecord? Credential(string id) => Credentials.GetValueOrDefault(id);

    public VerificationRecord? Verification(string id) => Verifications.GetValueOrDefault(id);

    /// <summary>SM3 over the canonical encoding of the whole state.</summary>
    public Hash32 ComputeRoot()
    {
        var w = new CanonicalWriter(4096);
        w.WriteFixed(RootTag);
        w.WriteUInt32((uint)Participants.Count);
        foreach (var p in Participants.Values)
        {
            w.WriteString(p.Id);
            w.WriteByte((byte)p.Role);
            w.WriteString(p.PublicKeyHex);
            w.WriteUInt64(p.NextNonce);
        }

        w.WriteUInt32((uint)Consents.Count);
        foreach (var c in Consents.Values)
        {
            w.WriteString(c.Id);
            w.WriteString(c.Subject);
            w.WriteString(c.Bureau);
            w.WriteString(c.Purpose);
            WriteStrings(w, c.Categories);
            w.WriteByte((byte)c.Classification);
            w.WriteInt64(c.NotBefore);
            w.WriteInt64(c.Expires);
            WriteOptional(w, c.RevokedAt);
        }

        w.WriteUInt32((uint)Queries.Count);
        foreach (var q in Queries.Values)
        {
            w.WriteString(q.Id);
            w.WriteString(q.ConsentId);
            w.WriteString(q.Bureau);
            w.WriteString(q.Subject);
            WriteStrings(w, q.Categories);
            w.WriteHash(q.ModelHash);
            w.WriteHash(q.InputHash);
            w.WriteHash(q.OutputHash);
            w.WriteInt64(q.Time);
            w.WriteBool(q.Allowed);
            w.WriteString(q.Reason);
        }

        w.WriteUInt32((uint)Credentials.Count);
        foreach (var c in Credentials.Values)
        {
            w.WriteString(c.Id);
            w.WriteByte((byte)c.Kind);
            w.WriteString(c.Issuer);
            w.WriteString(c.Holder);
            w.WriteString(c.Type);
            w.WriteHash(c.ContentHash);
            w.WriteInt64(c.IssuedAt);
            WriteOptional(w, c.RevokedAt);
        }

        w.WriteUInt32((uint)Verifications.Count);
        foreach (var v in Verifications.Values)
        {
            w.WriteString(v.Id);
            w.WriteString(v.CredentialId);
            w.WriteString(v.Verifier);
            w.WriteHash(v.StatementHash);
            w.WriteBool(v.ProofValid);
            w.WriteString(v.CredentialStatus);
            w.WriteInt64(v.Time);
        }

        return Hash32.Compute(w.WrittenSpan);
    }

    private static void WriteStrings(CanonicalWriter w, string[] values)
    {
        w.WriteUInt32((uint)values.Length);
        foreach (var v in values)
        {
            w.WriteString(v);
        }
    }

    private static void WriteOptional(CanonicalWriter w, long? value)
    {
        w.WriteBool(value.HasValue);
        if (value is { } v)
        {
            w.WriteInt64(v);
        }
    }
}
