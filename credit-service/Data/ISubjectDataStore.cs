namespace GovChain.CreditService.Data;

/// <summary>An agency's local store of subject data, one record per subject and category. Implementations are thread-safe.</summary>
public interface ISubjectDataStore
{
    /// <summary>Stores or replaces a record; a record that does not fit its category throws <see cref="DataInputException"/>.</summary>
    void Put(SubjectRecord record);

    /// <summary>Stores several records; all are checked before any is written.</summary>
    void PutAll(IEnumerable<SubjectRecord> records);

    /// <summary>The record, or null when none is held; an unknown category throws <see cref="UnknownCategoryException"/>.</summary>
    SubjectRecord? TryGet(string subject, string category);

    /// <summary>Every subject with at least one record, in ordinal order.</summary>
    IReadOnlyList<string> Subjects();

    bool Contains(string subject);
}
