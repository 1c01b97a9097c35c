namespace GovChain.CreditService.Data;

/// <summary>The outcome of one import file: the records to store and a reason for every row that was refused.</summary>
public sealed record ImportReport(string Category, IReadOnlyList<SubjectRecord> Accepted, IReadOnlyList<RowError> Rejected)
{
    public override string ToString() => $"{Category}: {Accepted.Count} rows accepted, {Rejected.Count} rejected";
}
