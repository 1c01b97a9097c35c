using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A bureau's encrypted query on a subject. The ledger decides, from the consent, whether it was allowed.</summary>
public sealed record RecordQuery(
    string QueryId,
    string ConsentId,
    string Subject,
    string[] Categories,
    Hash32 ModelHash,
    Hash32 InputHash,
    Hash32 OutputHash) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.RecordQuery;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(QueryId);
        writer.WriteString(ConsentId);
        writer.WriteString(Subject);
        WriteCategories(writer, Categories);
        writer.WriteHash(ModelHash);
        writer.WriteHash(InputHash);
        writer.WriteHash(OutputHash);
    }

    internal static RecordQuery ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadId(ref reader), ReadId(ref reader), ReadCategories(ref reader), reader.ReadHash(), reader.ReadHash(), reader.ReadHash());
}
