using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>The operation a transaction asks for. Each kind has a fixed canonical layout after its kind byte.</summary>
public abstract record TransactionPayload
{
    public const int MaxIdBytes = 128;
    public const int MaxCategories = 32;

    public abstract TransactionKind Kind { get; }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)Kind);
        WriteBody(writer);
    }

    public static TransactionPayload ReadFrom(ref CanonicalReader reader) => (TransactionKind)reader.ReadByte() switch
    {
        TransactionKind.RegisterParticipant => RegisterParticipant.ReadBody(ref reader),
        TransactionKind.GrantConsent => GrantConsent.ReadBody(ref reader),
        TransactionKind.RevokeConsent => new RevokeConsent(ReadId(ref reader)),
        TransactionKind.RecordQuery => RecordQuery.ReadBody(ref reader),
        TransactionKind.IssueCredential => IssueCredential.ReadBody(ref reader),
        TransactionKind.RevokeCredential => new RevokeCredential(ReadId(ref reader)),
        TransactionKind.RecordProofVerification => RecordProofVerification.ReadBody(ref reader),
        TransactionKind.RecordDenial => RecordDenial.ReadBody(ref reader),
        TransactionKind.RecordBatch => RecordBatch.ReadBody(ref reader),
        TransactionKind.BatchedRecord => BatchedRecord.ReadBody(ref reader),
        var kind => throw new LedgerFormatException($"unknown transaction kind {(byte)kind}"),
    };

    /// <summary>
    /// What the actor's signature covers. For every single record it is the payload itself; a batch and each of its
    /// logged records sign the batch's count and Merkle root instead, so one signature verifies on every record.
    /// </summary>
    internal virtual void WriteSignedForm(CanonicalWriter writer) => WriteTo(writer);

    private protected abstract void WriteBody(CanonicalWriter writer);

    private protected static string ReadId(ref CanonicalReader reader)
    {
        var id = reader.ReadString(MaxIdBytes);
        return id.Length == 0 ? throw new LedgerFormatException("an identifier is empty") : id;
    }

    private protected static T ReadEnum<T>(ref CanonicalReader reader)
        where T : struct, Enum
    {
        var value = reader.ReadByte();
        var parsed = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(parsed) ? parsed : throw new LedgerFormatException($"{value} is not a valid {typeof(T).Name}");
    }

    private protected static void WriteCategories(CanonicalWriter writer, IReadOnlyList<string> categories)
    {
        writer.WriteUInt32((uint)categories.Count);
        foreach (var c in categories)
        {
            writer.WriteString(c);
        }
    }

    /// <summary>Categories are a set; the canonical form is sorted (ordinal) without repeats.</summary>
    private protected static string[] ReadCategories(ref CanonicalReader reader)
    {
        var count = reader.ReadCount(MaxCategories);
        var categories = new string[count];
        for (var i = 0; i < count; i++)
        {
            categories[i] = ReadId(ref reader);
            if (i > 0 && string.CompareOrdinal(categories[i - 1], categories[i]) >= 0)
            {
                throw new LedgerFormatException("categories must be sorted and distinct");
            }
        }

        return categories;
    }
}
