using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// A bureau's encrypted query on a subject, recorded by the agency node that answered it (the bureau asked it with a
/// signed request whose SM3 is <see cref="RequestHash"/>). The ledger decides, from the consent, whether it was allowed.
/// </summary>
public sealed record RecordQuery(
    string QueryId,
    string ConsentId,
    string Subject,
    string Bureau,
    string[] Categories,
    Hash32 ModelHash,
    Hash32 InputHash,
    Hash32 OutputHash,
    Hash32 RequestHash) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.RecordQuery;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(QueryId);
        writer.WriteString(ConsentId);
        writer.WriteString(Subject);
        writer.WriteString(Bureau);
        WriteCategories(writer, Categories);
        writer.WriteHash(ModelHash);
        writer.WriteHash(InputHash);
        writer.WriteHash(OutputHash);
        writer.WriteHash(RequestHash);
    }

    internal static RecordQuery ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadId(ref reader), ReadId(ref reader), ReadId(ref reader), ReadCategories(ref reader),
            reader.ReadHash(), reader.ReadHash(), reader.ReadHash(), reader.ReadHash());
}
