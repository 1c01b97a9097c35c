namespace GovChain.CreditService.Data;

/// <summary>The header of an import file, checked against its category: every field plus subject_id, each exactly once.</summary>
internal sealed class ImportColumns
{
    public const string SubjectId = "subject_id";

    private ImportColumns(IReadOnlyList<string> names, int subjectIndex, IReadOnlyList<(int Index, FieldSpec Field)> fields)
    {
        Names = names;
        SubjectIndex = subjectIndex;
        Fields = fields;
    }

    public IReadOnlyList<string> Names { get; }

    public int SubjectIndex { get; }

    public IReadOnlyList<(int Index, FieldSpec Field)> Fields { get; }

    /// <summary>Reads the header row or throws one <see cref="ImportFormatException"/> listing every problem with it.</summary>
    public static ImportColumns FromHeader(SourceRow header, DataCategory category)
    {
        if (header.Problem is not null)
        {
            throw new ImportFormatException($"the header row (row {header.Number}) is malformed: {header.Problem}");
        }

        var names = header.Cells.Select(c => c.Text.Trim()).ToList();
        while (names.Count > 0 && names[^1].Length == 0)
        {
            names.RemoveAt(names.Count - 1);
        }

        var expected = new[] { SubjectId }.Concat(category.Fields.Select(f => f.Name)).ToList();
        var problems = new List<string>();
        problems.AddRange(names.Where(n => !expected.Contains(n, StringComparer.Ordinal)).Distinct()
            .Select(n => n.Length == 0 ? "an empty column name" : $"unknown column '{n}'"));
        problems.AddRange(expected.Where(n => !names.Contains(n, StringComparer.Ordinal)).Select(n => $"missing column '{n}'"));
        problems.AddRange(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0)
            .Select(g => $"column '{g.Key}' appears {g.Count()} times"));
        if (problems.Count > 0)
        {
            throw new ImportFormatException(
                $"the header of a '{category.Name}' file must name {string.Join(", ", expected)}: {string.Join("; ", problems)}");
        }

        var fields = category.Fields.Select(f => (names.IndexOf(f.Name), f)).ToList();
        return new ImportColumns(names, names.IndexOf(SubjectId), fields);
    }
}
