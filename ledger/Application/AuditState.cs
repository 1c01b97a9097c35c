using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// The system contracts' state. Every change goes through a <c>Put</c>, which keeps the state root up to date in
/// O(1): the root commits to the multiset of (table, record) pairs through <see cref="StateDigest"/>, so a block costs
/// O(records it changes), not O(state). Lookups are by id only, so the maps are hash tables.
/// </summary>
public sealed class AuditState
{
    private readonly StateDigest digest = new();

    internal Dictionary<string, Participant> Participants { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, string> ParticipantByKey { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, ConsentRecord> Consents { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, QueryRecord> Queries { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, CredentialRecord> Credentials { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, VerificationRecord> Verifications { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, DenialRecord> Denials { get; } = new(StringComparer.Ordinal);

    public Participant? Participant(string id) => Participants.GetValueOrDefault(id);

    public ConsentRecord? Consent(string id) => Consents.GetValueOrDefault(id);

    public QueryRecord? Query(string id) => Queries.GetValueOrDefault(id);

    public CredentialRecord? Credential(string id) => Credentials.GetValueOrDefault(id);

    public VerificationRecord? Verification(string id) => Verifications.GetValueOrDefault(id);

    public DenialRecord? Denial(string id) => Denials.GetValueOrDefault(id);

    public Participant? ParticipantByPublicKey(ReadOnlySpan<byte> key) =>
        ParticipantByKey.TryGetValue(Convert.ToHexStringLower(key), out var id) ? Participants[id] : null;

    /// <summary>The SM3 state root: the same on every node that applied the same transactions (see <see cref="StateDigest"/>).</summary>
    public Hash32 ComputeRoot() => digest.Root();

    internal void Put(Participant p)
    {
        Replace(StateTable.Participants, Participants, p.Id, p, StateRecordCodec.Write);
        ParticipantByKey[p.PublicKeyHex] = p.Id;
    }

    internal void Put(ConsentRecord c) => Replace(StateTable.Consents, Consents, c.Id, c, StateRecordCodec.Write);

    internal void Put(QueryRecord q) => Replace(StateTable.Queries, Queries, q.Id, q, StateRecordCodec.Write);

    internal void Put(CredentialRecord c) => Replace(StateTable.Credentials, Credentials, c.Id, c, StateRecordCodec.Write);

    internal void Put(VerificationRecord v) => Replace(StateTable.Verifications, Verifications, v.Id, v, StateRecordCodec.Write);

    internal void Put(DenialRecord d) => Replace(StateTable.Denials, Denials, d.Id, d, StateRecordCodec.Write);

    private void Replace<T>(StateTable table, Dictionary<string, T> map, string id, T record, Action<CanonicalWriter, T> write)
        where T : class
    {
        var w = CanonicalWriter.Rent();
        if (map.TryGetValue(id, out var old))
        {
            write(w, old);
            digest.Remove(table, w.WrittenSpan);
            w.Return();
            w = CanonicalWriter.Rent();
        }

        map[id] = record;
        write(w, record);
        digest.Add(table, w.WrittenSpan);
        w.Return();
    }
}
