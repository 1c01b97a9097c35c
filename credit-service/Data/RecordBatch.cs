namespace GovChain.CreditService.Data;

/// <summary>The check every store applies before writing: all records of a batch fit their categories, or none is written.</summary>
internal static class RecordBatch
{
    public static List<SubjectRecord> Validate(IEnumerable<SubjectRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records.ToList();
        foreach (var record in batch)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (DataCategory.Get(record.Category).Diagnose(record) is { } problem)
            {
                throw new DataInputException($"record not stored: {problem}");
            }
        }

        return batch;
    }
}
