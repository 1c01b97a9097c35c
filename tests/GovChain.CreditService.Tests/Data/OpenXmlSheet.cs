using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GovChain.CreditService.Tests.Data;

/// <summary>
/// Writes a one-sheet workbook with the low-level DocumentFormat.OpenXml API, as a writer other than the ClosedXML
/// one under test would: inline strings, shared strings and number cells, rows placed by explicit index.
/// </summary>
internal static class OpenXmlSheet
{
    /// <summary>A cell: a string goes in as an inline or shared string, a double as a number cell.</summary>
    public sealed record Value(object Content, bool Shared = false);

    public static MemoryStream Write(string sheetName, IReadOnlyDictionary<int, Value[]> rows)
    {
        var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            foreach (var (index, values) in rows.OrderBy(r => r.Key))
            {
                var row = new Row { RowIndex = (uint)index };
                for (var column = 0; column < values.Length; column++)
                {
                    row.Append(CellOf($"{(char)('A' + column)}{index}", values[column], strings.SharedStringTable));
                }

                data.Append(row);
            }
        }

        output.Position = 0;
        return output;
    }

    private static Cell CellOf(string reference, Value value, SharedStringTable strings)
    {
        switch (value.Content)
        {
            case double number:
                return new Cell { CellReference = reference, CellValue = new CellValue(number) };
            case string text when value.Shared:
                strings.Append(new SharedStringItem(new Text(text)));
                return new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.SharedString,
                    CellValue = new CellValue((strings.ChildElements.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
            case string text:
                return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
            default:
                throw new ArgumentException($"unsupported cell content {value.Content.GetType().Name}", nameof(value));
        }
    }
}
