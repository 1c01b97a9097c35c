using System.Text;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// The system contracts' state. Every change goes through a <c>Put</c>, which keeps the state root up to date in
/// O(1): the root commits to the multiset of (table, record) pairs through <see cref="StateDigest"/>, so a block costs
/// O(records it changes), not O(state). Lookups are by id only.
/// <para>
/// Held whole in memory when built without a source (the in-process ledger of tests and the demo). A validator's
/// state instead lives in its store: the records a block writes stay here until <see cref="TakeChanges"/> hands them
/// to the block's write batch, and committed ones are read back through a bounded cache, so memory does not grow
/// with the chain.
/// </para>
/// </summary>
public sealed class AuditState
{
    /// <summary>The key space of the public-key → participant-id index, next to the tables.</summary>
    internal const byte ParticipantKeyIndex = 0xFF;

    private const int CachedRecordsPerGeneration = 32_768;

    private readonly IStateRecordSource? source;
    private readonly StateDigest digest;

    // Written since the last TakeChanges (with no source: every record ever written), with the encoding the store
    // will keep when there is a source.
    private readonly Dictionary<(StateTable, string), (object Record, byte[]? Encoding)> written = [];
    private readonly Dictionary<string, string> keysWritten = new(StringComparer.Ordinal);

    // Committed records read from the source (kept fresh when a block rewrites them), and ids known absent from it,
    // which new records are checked against. Written records are not cached: most (queries) are never read again,
    // and caching them only churns the old generations of the heap. For the same reason an id found absent is cached
    // (as Missing) only where records refer to it — a consent, participant or credential named by many records, which
    // a load may name without it existing — and not where a new record's id is checked to be unused.
    private static readonly object Missing = new();
    private readonly GenerationalCache<(byte, string), object> cache = new(CachedRecordsPerGeneration);
    private readonly HashSet<(StateTable, string)> absent = [];

    public AuditState()
    {
        digest = new StateDigest();
    }

    /// <summary>State whose committed records are in <paramref name="source"/>, with the digest persisted with them.</summary>
    internal AuditState(IStateRecordSource source, StateDigest digest)
    {
        this.source = source;
        this.digest = digest;
    }

    /// <summary>True before the first record: a new ledger's genesis agencies are registered into it.</summary>
    public bool IsEmpty => digest.Count == 0;

    public Participant? Participant(string id) => (Participant?)Read(StateTable.Participants, id, rememberAbsence: true);

    public ConsentRecord? Consent(string id) => (ConsentRecord?)Read(StateTable.Consents, id, rememberAbsence: true);

    public QueryRecord? Query(string id) => (QueryRecord?)Read(StateTable.Queries, id);

    public CredentialRecord? Credential(string id) => (CredentialRecord?)Read(StateTable.Credentials, id, rememberAbsence: true);

    public VerificationRecord? Verification(string id) => (VerificationRecord?)Read(StateTable.Verifications, id);

    public DenialRecord? Denial(string id) => (DenialRecord?)Read(StateTable.Denials, id);

    public Participant? ParticipantByPublicKey(ReadOnlySpan<byte> key) =>
        ParticipantIdByKey(Convert.ToHexStringLower(key)) is { } id ? Participant(id) : null;

    /// <summary>The id of the participant registered with this public key (lower-case hex), or null.</summary>
    public string? ParticipantIdByKey(string keyHex)
    {
        if (keysWritten.TryGetValue(keyHex, out var id))
        {
            return id;
        }

        if (source is null)
        {
            return null;
        }

        if (cache.TryGet((ParticipantKeyIndex, keyHex), out var cached))
        {
            return (string)cached;
        }

        if (source.ReadStateRecord(ParticipantKeyIndex, keyHex) is not { } bytes)
        {
            return null;
        }

        id = Encoding.UTF8.GetString(bytes);
        cache.Add((ParticipantKeyIndex, keyHex), id);
        return id;
    }

    /// <summary>The SM3 state root: the same on every node that applied the same transactions (see <see cref="StateDigest"/>).</summary>
    public Hash32 ComputeRoot() => digest.Root();

    /// <summary>
    /// The records written since the last call, encoded for the store (table byte, id, value), and the digest's new
    /// value; afterwards they are read like any committed record. Only for state with a source.
    /// </summary>
    internal (List<(byte Table, string Id, byte[] Value)> Records, byte[] Digest) TakeChanges()
    {
        if (source is null)
        {
            throw new InvalidOperationException("in-memory state keeps its records");
        }

        var records = new List<(byte, string, byte[])>(written.Count + keysWritten.Count);
        foreach (var ((table, id), (record, encoding)) in written)
        {
            records.Add(((byte)table, id, encoding!));
            Refresh(((byte)table, id), record);
        }

        foreach (var (keyHex, id) in keysWritten)
        {
            records.Add((ParticipantKeyIndex, keyHex, Encoding.UTF8.GetBytes(id)));
            Refresh((ParticipantKeyIndex, keyHex), id);
        }

        written.Clear();
        keysWritten.Clear();
        absent.Clear();
        return (records, digest.Encode());
    }

    internal bool Has(StateTable table, string id) => Read(table, id) is not null;

    internal void Put(Participant p)
    {
        // A nonce update leaves the key index alone: one write fewer per transaction.
        if (Replace(StateTable.Participants, p.Id, p) is not Participant old || old.PublicKeyHex != p.PublicKeyHex)
        {
            keysWritten[p.PublicKeyHex] = p.Id;
        }
    }

    internal void Put(ConsentRecord c) => Replace(StateTable.Consents, c.Id, c);

    internal void Put(QueryRecord q) => Replace(StateTable.Queries, q.Id, q);

    internal void Put(CredentialRecord c) => Replace(StateTable.Credentials, c.Id, c);

    internal void Put(VerificationRecord v) => Replace(StateTable.Verifications, v.Id, v);

    internal void Put(DenialRecord d) => Replace(StateTable.Denials, d.Id, d);

    private object? Read(StateTable table, string id, bool rememberAbsence = false)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (written.TryGetValue((table, id), out var entry))
        {
            return entry.Record;
        }

        if (source is null || absent.Contains((table, id)))
        {
            return null;
        }

        if (cache.TryGet(((byte)table, id), out var record))
        {
            return ReferenceEquals(record, Missing) ? null : record;
        }

        if (source.ReadStateRecord((byte)table, id) is not { } bytes)
        {
            absent.Add((table, id));
            if (rememberAbsence)
            {
                cache.Add(((byte)table, id), Missing); // replaced by Refresh once a block writes the record
            }

            return null;
        }

        record = Decode(table, bytes);
        cache.Add(((byte)table, id), record);
        return record;
    }

    /// <summary>Writes the record over the one with its id, if any, and returns that one.</summary>
    private object? Replace(StateTable table, string id, object record)
    {
        var old = Read(table, id);
        if (old is not null)
        {
            var w = Write(old);
            digest.Remove(table, w.WrittenSpan.ToArray());
            w.Return();
        }

        absent.Remove((table, id));
        var encoded = Write(record);
        var encoding = encoded.WrittenSpan.ToArray();
        encoded.Return();
        digest.Add(table, encoding);
        written[(table, id)] = (record, source is null ? null : encoding);
        return old;
    }

    private void Refresh((byte, string) key, object value)
    {
        if (cache.TryGet(key, out _))
        {
            cache.Add(key, value);
        }
    }

    private static object Decode(StateTable table, byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        object record = table switch
        {
            StateTable.Participants => StateRecordCodec.ReadParticipant(ref reader),
            StateTable.Consents => StateRecordCodec.ReadConsent(ref reader),
            StateTable.Queries => StateRecordCodec.ReadQuery(ref reader),
            StateTable.Credentials => StateRecordCodec.ReadCredential(ref reader),
            StateTable.Verifications => StateRecordCodec.ReadVerification(ref reader),
            _ => StateRecordCodec.ReadDenial(ref reader),
        };
        reader.EnsureEnd();
        return record;
    }

    /// <summary>The record's canonical encoding in a rented writer, which the caller returns.</summary>
    private static CanonicalWriter Write(object record)
    {
        var w = CanonicalWriter.Rent();
        switch (record)
        {
            case Participant p: StateRecordCodec.Write(w, p); break;
            case ConsentRecord c: StateRecordCodec.Write(w, c); break;
            case QueryRecord q: StateRecordCodec.Write(w, q); break;
            case CredentialRecord c: StateRecordCodec.Write(w, c); break;
            case VerificationRecord v: StateRecordCodec.Write(w, v); break;
            default: StateRecordCodec.Write(w, (DenialRecord)record); break;
        }

        return w;
    }
}
