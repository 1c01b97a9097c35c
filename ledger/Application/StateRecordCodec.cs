using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// The canonical encoding of each contract record: the state root hashes it, and the client API's lookups carry it.
/// </summary>
public static class StateRecordCodec
{
    private const int MaxText = 4096;

    public static void Write(CanonicalWriter w, Participant p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteString(p.Id);
        w.WriteByte((byte)p.Role);
        w.WriteString(p.PublicKeyHex);
        w.WriteUInt64(p.NextNonce);
    }

    public static void Write(CanonicalWriter w, ConsentRecord c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
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

    public static void Write(CanonicalWriter w, QueryRecord q)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(q);
        w.WriteString(q.Id);
        w.WriteString(q.ConsentId);
        w.WriteString(q.Bureau);
        w.WriteString(q.RecordedBy);
        w.WriteString(q.Subject);
        WriteStrings(w, q.Categories);
        w.WriteHash(q.ModelHash);
        w.WriteHash(q.InputHash);
        w.WriteHash(q.OutputHash);
        w.WriteHash(q.RequestHash);
        w.WriteInt64(q.Time);
        w.WriteBool(q.Allowed);
        w.WriteString(q.Reason);
    }

    public static void Write(CanonicalWriter w, CredentialRecord c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        w.WriteString(c.Id);
        w.WriteByte((byte)c.Kind);
        w.WriteString(c.Issuer);
        w.WriteString(c.Holder);
        w.WriteString(c.Type);
        w.WriteHash(c.ContentHash);
        w.WriteInt64(c.IssuedAt);
        WriteOptional(w, c.RevokedAt);
    }

    public static void Write(CanonicalWriter w, VerificationRecord v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(v);
        w.WriteString(v.Id);
        w.WriteString(v.CredentialId);
        w.WriteString(v.Verifier);
        w.WriteString(v.RecordedBy);
        w.WriteHash(v.StatementHash);
        w.WriteBool(v.ProofValid);
        w.WriteString(v.CredentialStatus);
        w.WriteInt64(v.Time);
    }

    public static void Write(CanonicalWriter w, DenialRecord d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteString(d.Id);
        w.WriteString(d.RecordedBy);
        w.WriteString(d.Requester);
        w.WriteString(d.Operation);
        w.WriteString(d.Subject);
        w.WriteString(d.Reason);
        w.WriteHash(d.RequestHash);
        w.WriteInt64(d.Time);
    }

    public static Participant ReadParticipant(ref CanonicalReader r) =>
        new(r.ReadString(MaxText), ReadEnum<ParticipantRole>(ref r), r.ReadString(MaxText), r.ReadUInt64());

    public static ConsentRecord ReadConsent(ref CanonicalReader r) =>
        new(r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), ReadStrings(ref r),
            ReadEnum<DataClassification>(ref r), r.ReadInt64(), r.ReadInt64(), ReadOptional(ref r));

    public static QueryRecord ReadQuery(ref CanonicalReader r) =>
        new(r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText),
            ReadStrings(ref r), r.ReadHash(), r.ReadHash(), r.ReadHash(), r.ReadHash(), r.ReadInt64(), r.ReadBool(), r.ReadString(MaxText));

    public static CredentialRecord ReadCredential(ref CanonicalReader r) =>
        new(r.ReadString(MaxText), ReadEnum<CredentialKind>(ref r), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText),
            r.ReadHash(), r.ReadInt64(), ReadOptional(ref r));

    public static VerificationRecord ReadVerification(ref CanonicalReader r) =>
        new(r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadHash(), r.ReadBool(),
            r.ReadString(MaxText), r.ReadInt64());

    public static DenialRecord ReadDenial(ref CanonicalReader r) =>
        new(r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText), r.ReadString(MaxText),
            r.ReadString(MaxText), r.ReadHash(), r.ReadInt64());

    private static void WriteStrings(CanonicalWriter w, string[] values)
    {
        w.WriteUInt32((uint)values.Length);
        foreach (var v in values)
        {
            w.WriteString(v);
        }
    }

    private static string[] ReadStrings(ref CanonicalReader r)
    {
        var values = new string[r.ReadCount(TransactionPayload.MaxCategories)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadString(MaxText);
        }

        return values;
    }

    private static void WriteOptional(CanonicalWriter w, long? value)
    {
        w.WriteBool(value.HasValue);
        if (value is { } v)
        {
            w.WriteInt64(v);
        }
    }

    private static long? ReadOptional(ref CanonicalReader r) => r.ReadBool() ? r.ReadInt64() : null;

    private static T ReadEnum<T>(ref CanonicalReader r)
        where T : struct, Enum
    {
        var value = r.ReadByte();
        var parsed = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(parsed) ? parsed : throw new LedgerFormatException($"{value} is not a valid {typeof(T).Name}");
    }
}
