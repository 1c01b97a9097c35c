using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transport;

/// <summary>Which contract record a <see cref="LedgerGrpc.Lookup"/> reads.</summary>
public enum LookupKind : byte
{
    Participant = 0,
    ParticipantByKey = 1,
    Consent = 2,
    Credential = 3,
    Query = 4,
    Verification = 5,
    Denial = 6,
}

/// <summary>
/// Request of <see cref="LedgerGrpc.Lookup"/>: kind ‖ key (an id, or the hex of a participant's public key). The reply is
/// the committed height ‖ found ‖ the record's <see cref="StateRecordCodec"/> encoding, read from committed state only.
/// </summary>
public sealed record LookupRequest(LookupKind Kind, string Key)
{
    public const int MaxKeyBytes = 256;

    public byte[] Encode()
    {
        var w = new CanonicalWriter(64);
        w.WriteByte((byte)Kind);
        w.WriteString(Key);
        return w.ToArray();
    }

    public static LookupRequest Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var kind = r.ReadByte();
        if (kind > (byte)LookupKind.Denial)
        {
            throw new LedgerFormatException($"unknown lookup kind {kind}");
        }

        var request = new LookupRequest((LookupKind)kind, r.ReadString(MaxKeyBytes));
        r.EnsureEnd();
        return request;
    }

    /// <summary>Reads the record from <paramref name="state"/> and encodes the reply.</summary>
    public byte[] Answer(AuditState state, long height)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = new CanonicalWriter(256);
        w.WriteInt64(height);
        switch (Kind)
        {
            case LookupKind.Participant: WriteFound(w, state.Participant(Key), StateRecordCodec.Write); break;
            case LookupKind.ParticipantByKey: WriteFound(w, ParticipantByKeyHex(state, Key), StateRecordCodec.Write); break;
            case LookupKind.Consent: WriteFound(w, state.Consent(Key), StateRecordCodec.Write); break;
            case LookupKind.Credential: WriteFound(w, state.Credential(Key), StateRecordCodec.Write); break;
            case LookupKind.Query: WriteFound(w, state.Query(Key), StateRecordCodec.Write); break;
            case LookupKind.Verification: WriteFound(w, state.Verification(Key), StateRecordCodec.Write); break;
            default: WriteFound(w, state.Denial(Key), StateRecordCodec.Write); break;
        }

        return w.ToArray();
    }

    /// <summary>Decodes a reply: null when the record does not exist.</summary>
    public static T? DecodeReply<T>(ReadOnlySpan<byte> reply, StateReader<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var r = new CanonicalReader(reply);
        _ = r.ReadInt64();
        if (!r.ReadBool())
        {
            r.EnsureEnd();
            return null;
        }

        var record = read(ref r);
        r.EnsureEnd();
        return record;
    }

    private static Participant? ParticipantByKeyHex(AuditState state, string hex)
    {
        try
        {
            return state.ParticipantByPublicKey(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            throw new LedgerFormatException("a participant key lookup takes the hex of a 65-byte public key");
        }
    }

    private static void WriteFound<T>(CanonicalWriter w, T? record, Action<CanonicalWriter, T> write)
        where T : class
    {
        w.WriteBool(record is not null);
        if (record is not null)
        {
            write(w, record);
        }
    }
}

/// <summary>Reads one record from a canonical reader (the <see cref="StateRecordCodec"/> readers fit).</summary>
public delegate T StateReader<out T>(ref CanonicalReader reader);
