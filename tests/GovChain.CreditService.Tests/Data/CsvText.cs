using System.Globalization;
using System.Text;
using GovChain.CreditService.Data;

namespace GovChain.CreditService.Tests.Data;

/// <summary>An RFC 4180 writer written for the tests, independent of the importer's reader.</summary>
internal static class CsvText
{
    public static string Of(DataCategory category, IEnumerable<SubjectRecord> records, string newline = "\r\n")
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", new[] { "subject_id" }.Concat(category.Fields.Select(f => f.Name)))).Append(newline);
        foreach (var record in records)
        {
            var cells = new[] { record.SubjectId }.Concat(category.Fields.Select(f =>
                f.IsNumeric ? record.Values[f.Name].ToString(CultureInfo.InvariantCulture) : record.Texts[f.Name]));
            text.Append(string.Join(",", cells.Select(Quote))).Append(newline);
        }

        return text.ToString();
    }

    public static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public static MemoryStream Utf8(string text, bool bom = false) =>
        new([.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);
}
