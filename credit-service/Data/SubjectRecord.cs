namespace GovChain.CreditService.Data;

/// <summary>
/// One subject's data in one category: numeric fields in <see cref="Values"/> (dates as YYYYMMDD), text fields
/// (only the identity name today) in <see cref="Texts"/>. Two records are equal when their content is.
/// </summary>
public sealed record SubjectRecord(string SubjectId, string Category, IReadOnlyDictionary<string, long> Values)
{
    private static readonly IReadOnlyDictionary<string, string> NoTexts = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Texts { get; init; } = NoTexts;

    public bool Equals(SubjectRecord? other) =>
        other is not null
        && string.Equals(SubjectId, other.SubjectId, StringComparison.Ordinal)
        && string.Equals(Category, other.Category, StringComparison.Ordinal)
        && SameEntries(Values, other.Values)
        && SameEntries(Texts, other.Texts);

    public override int GetHashCode() => HashCode.Combine(SubjectId, Category, Values.Count, Texts.Count);

    private static bool SameEntries<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var theirs) || !EqualityComparer<T>.Default.Equals(value, theirs))
            {
                return false;
            }
        }

        return true;
    }
}
