using ClosedXML.Excel;

namespace GovChain.CreditService.Data;

/// <summary>
/// Writes the XLSX files agencies fill in (ClosedXML): the first sheet holds subject_id and the category's fields,
/// which <see cref="AgencyDataImporter.ImportXlsx(Stream, string, long)"/> reads back; a second sheet explains the fields.
/// </summary>
public static class AgencyWorkbook
{
    /// <summary>2^53: larger numbers are written as text, since a spreadsheet number would round them.</summary>
    private const long ExactNumberLimit = 1L << 53;

    /// <summary>An empty sheet with the header row, for an agency to fill in.</summary>
    public static void WriteTemplate(Stream output, string category) => Write(output, category, []);

    public static void Write(Stream output, string category, IEnumerable<SubjectRecord> records)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(records);
        var spec = DataCategory.Get(category);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(spec.Name);
        WriteHeader(sheet, spec);
        var row = 2;
        foreach (var record in records)
        {
            if (spec.Diagnose(record) is { } problem)
            {
                throw new DataInputException($"record {row - 1} cannot be written: {problem}");
            }

            WriteRow(sheet.Row(row++), spec, record);
        }

        WriteFieldGuide(workbook.Worksheets.Add("fields"), spec);

        // The OpenXML packager needs a seekable stream; the caller's may not be one.
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void WriteHeader(IXLWorksheet sheet, DataCategory spec)
    {
        var names = new[] { ImportColumns.SubjectId }.Concat(spec.Fields.Select(f => f.Name)).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            sheet.Cell(1, i + 1).SetValue(names[i]);
            sheet.Column(i + 1).Width = Math.Max(14, names[i].Length + 4);
        }

        sheet.Row(1).Style.Font.Bold = true;

        // Text format stops Excel from turning an all-digit ID into a rounded number when someone types one in.
        sheet.Column(1).Style.NumberFormat.Format = "@";
        sheet.Column(1).Width = 22;
        sheet.SheetView.FreezeRows(1);
    }

    private static void WriteRow(IXLRow row, DataCategory spec, SubjectRecord record)
    {
        row.Cell(1).SetValue(record.SubjectId);
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var cell = row.Cell(i + 2);
            if (!field.IsNumeric)
            {
                cell.SetValue(record.Texts[field.Name]);
            }
            else if (Math.Abs(record.Values[field.Name]) < ExactNumberLimit)
            {
                cell.SetValue(record.Values[field.Name]);
            }
            else
            {
                cell.SetValue(record.Values[field.Name].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static void WriteFieldGuide(IXLWorksheet sheet, DataCategory spec)
    {
        string[] header = ["field", "kind", "minimum", "maximum"];
        for (var i = 0; i < header.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(header[i]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.Cell(2, 1).SetValue(ImportColumns.SubjectId);
        sheet.Cell(2, 2).SetValue(string.Join(" or ", spec.SubjectKinds.Select(k =>
            k == SubjectKind.Citizen ? "resident ID number (GB 11643)" : "unified social credit code (GB 32100)")));
        var row = 3;
        foreach (var field in spec.Fields)
        {
            sheet.Cell(row, 1).SetValue(field.Name);
            sheet.Cell(row, 2).SetValue(field.Kind switch
            {
                FieldKind.Date => "date YYYYMMDD",
                FieldKind.Text => "text (characters)",
                _ => "whole number",
            });
            sheet.Cell(row, 3).SetValue(field.Minimum);
            if (field.Maximum != long.MaxValue)
            {
                sheet.Cell(row, 4).SetValue(field.Maximum);
            }

            row++;
        }

        sheet.Cell(row + 1, 1).SetValue($"classification: {spec.Classification}");
        sheet.Column(1).Width = 28;
        sheet.Column(2).Width = 40;
    }
}
