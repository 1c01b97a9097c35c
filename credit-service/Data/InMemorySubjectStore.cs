namespace GovChain.CreditService.Data;

/// <summary>A store in a dictionary, for tests and tools; it checks records exactly as the encrypted store does.</summary>
public sealed class InMemorySubjectStore : ISubjectDataStore
{
    private readonly Dictionary<(string Subject, string Category), SubjectRecord> _records = [];
    private readonly Lock _gate = new();

    public void Put(SubjectRecord record) => PutAll([record]);

    public void PutAll(IEnumerable<SubjectRecord> records)
    {
        var batch = RecordBatch.Validate(records);
        lock (_gate)
        {
            foreach (var record in batch)
            {
                _records[(record.SubjectId, record.Category)] = record;
            }
        }
    }

    public SubjectRecord? TryGet(string subject, string category)
    {
        DataCategory.Get(category);
        lock (_gate)
        {
            return _records.GetValueOrDefault((subject, category));
        }
    }

    public IReadOnlyList<string> Subjects()
    {
        lock (_gate)
        {
            return [.. _records.Keys.Select(k => k.Subject).Distinct().Order(StringComparer.Ordinal)];
        }
    }

    public bool Contains(string subject)
    {
        lock (_gate)
        {
            return _records.Keys.Any(k => k.Subject == subject);
        }
    }
}
