using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A subject lets a bureau use the listed data categories for a purpose, over a validity window (unix seconds).</summary>
public sealed record GrantConsent(
    string ConsentId,
    string Bureau,
    string Purpose,
    string[] Categories,
    DataClassification Classification,
    long NotBefore,
    long Expires) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.GrantConsent;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(ConsentId);
        writer.WriteString(Bureau);
        writer.WriteString(Purpose);
        WriteCategories(writer, Categories);
        writer.WriteByte((byte)Classification);
        writer.WriteInt64(NotBefore);
        writer.WriteInt64(Expires);
    }

    internal static GrantConsent ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadId(ref reader), reader.ReadString(MaxIdBytes * 4), ReadCategories(ref reader),
            ReadEnum<DataClassification>(ref reader), reader.ReadInt64(), reader.ReadInt64());
}
