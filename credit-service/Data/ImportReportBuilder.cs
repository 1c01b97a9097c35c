namespace GovChain.CreditService.Data;

/// <summary>
/// Turns the rows of one file, whatever its format, into accepted records and per-row reasons. The first non-blank
/// row is the header; blank rows are skipped; a subject may appear once per file.
/// </summary>
internal sealed class ImportReportBuilder
{
    private readonly DataCategory _category;
    private readonly ImportLimits _limits;
    private readonly List<SubjectRecord> _accepted = [];
    private readonly List<RowError> _rejected = [];
    private readonly Dictionary<string, int> _firstRowOf = new(StringComparer.Ordinal);
    private ImportColumns? _columns;
    private int _dataRows;

    public ImportReportBuilder(DataCategory category, ImportLimits limits)
    {
        _category = category;
        _limits = limits;
    }

    public void Add(SourceRow row)
    {
        if (row.IsBlank)
        {
            return;
        }

        if (_columns is null)
        {
            _columns = ImportColumns.FromHeader(row, _category);
            return;
        }

        if (++_dataRows > _limits.MaxRows)
        {
            throw new ImportFormatException($"the file has more than {_limits.MaxRows} data rows; split it");
        }

        if (Check(row, _columns) is { } error)
        {
            _rejected.Add(error);
        }
    }

    public ImportReport Build() => _columns is null
        ? throw new ImportFormatException("the file is empty: it has no header row")
        : new ImportReport(_category.Name, _accepted, _rejected);

    private RowError? Check(SourceRow row, ImportColumns columns)
    {
        if (row.Problem is not null)
        {
            return new RowError(row.Number, null, row.Problem);
        }

        var cells = row.Cells;
        var width = columns.Names.Count;
        var extraIsEmpty = cells.Skip(width).All(c => c.Text.Length == 0 && c.Problem is null);
        if (cells.Count < width || !extraIsEmpty)
        {
            return new RowError(row.Number, null, $"expected {width} fields, found {cells.Count}");
        }

        var subjectCell = cells[columns.SubjectIndex];
        var subjectProblem = subjectCell.Problem
            ?? (subjectCell.FromNumber ? "subject_id is a number cell, which keeps only 15 digits; format the column as text" : null)
            ?? SubjectIdentifier.Diagnose(subjectCell.Text, _category);
        if (subjectProblem is not null)
        {
            return new RowError(row.Number, ImportColumns.SubjectId, subjectProblem);
        }

        if (_firstRowOf.TryGetValue(subjectCell.Text, out var first))
        {
            return new RowError(row.Number, ImportColumns.SubjectId, $"subject already appears on row {first}");
        }

        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (index, field) in columns.Fields)
        {
            var cell = cells[index];
            var problem = cell.Problem;
            if (problem is null && field.IsNumeric)
            {
                problem = field.ParseNumber(cell.Text, out var value);
                values[field.Name] = value;
            }
            else if (problem is null)
            {
                problem = field.CheckText(cell.Text);
                texts[field.Name] = cell.Text;
            }

            if (problem is not null)
            {
                return new RowError(row.Number, field.Name, problem);
            }
        }

        _firstRowOf[subjectCell.Text] = row.Number;
        _accepted.Add(new SubjectRecord(subjectCell.Text, _category.Name, values) { Texts = texts });
        return null;
    }
}
