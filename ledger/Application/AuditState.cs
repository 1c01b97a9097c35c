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

    internal SortedDictionary<string, DenialRecord> Denials { get; } = new(StringComparer.Ordinal);

    public Participant? Participant(string id) => Participants.GetValueOrDefault(id);

    public ConsentRecord? Consent(string id) => Consents.GetValueOrDefault(id);

    public QueryRecord? Query(string id) => Queries.GetValueOrDefault(id);

    public CredentialRecord? Credential(string id) => Credentials.GetValueOrDefault(id);

    public VerificationRecord? Verification(string id) => Verifications.GetValueOrDefault(id);

    public DenialRecord? Denial(string id) => Denials.GetValueOrDefault(id);

    public Participant? ParticipantByPublicKey(ReadOnlySpan<byte> key) =>
        ParticipantByKey.TryGetValue(Convert.ToHexStringLower(key), out var id) ? Participants[id] : null;

    /// <summary>SM3 over the canonical encoding of the whole state.</summary>
    public Hash32 ComputeRoot()
    {
        var w = new CanonicalWriter(4096);
        w.WriteFixed(RootTag);
        WriteAll(w, Participants.Values, StateRecordCodec.Write);
        WriteAll(w, Consents.Values, StateRecordCodec.Write);
        WriteAll(w, Queries.Values, StateRecordCodec.Write);
        WriteAll(w, Credentials.Values, StateRecordCodec.Write);
        WriteAll(w, Verifications.Values, StateRecordCodec.Write);
        WriteAll(w, Denials.Values, StateRecordCodec.Write);
        return Hash32.Compute(w.WrittenSpan);
    }

    private static void WriteAll<T>(CanonicalWriter w, ICollection<T> records, Action<CanonicalWriter, T> write)
    {
        w.WriteUInt32((uint)records.Count);
        foreach (var record in records)
        {
            write(w, record);
        }
    }
}
