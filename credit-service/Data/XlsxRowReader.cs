using System.Globalization;
using System.IO.Compression;
using System.Text;
using ExcelDataReader;

namespace GovChain.CreditService.Data;

/// <summary>Reads the first worksheet of an XLSX workbook (ExcelDataReader) as numbered rows of text cells.</summary>
internal static class XlsxRowReader
{
    /// <summary>2^53: above it a spreadsheet number is no longer an exact integer.</summary>
    private const double ExactIntegerLimit = 9007199254740992d;

    static XlsxRowReader()
    {
        // ExcelDataReader's configuration asks for code page 1252 as a fallback even for .xlsx, which .NET only has
        // once the code-pages provider is registered; registering it is process-wide and idempotent.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static void ReadFirstSheet(Stream input, ImportLimits limits, Action<SourceRow> onRow)
    {
        using var workbook = new MemoryStream();
        new SizeLimitedStream(input, limits.MaxBytes).CopyTo(workbook);
        CheckContainer(workbook, limits);
        workbook.Position = 0;
        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(workbook, new ExcelReaderConfiguration { LeaveOpen = true });
            while (reader.Read())
            {
                if (reader.FieldCount > limits.MaxColumns)
                {
                    throw new ImportFormatException($"the sheet is {reader.FieldCount} columns wide; at most {limits.MaxColumns} are read");
                }

                var cells = new SourceCell[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = ToCell(reader.GetValue(i), limits);
                }

                onRow(new SourceRow(reader.Depth + 1, cells));
            }
        }
        catch (Exception ex) when (ex is not ImportFormatException)
        {
            throw new ImportFormatException($"the file is not a readable XLSX workbook ({ex.GetType().Name})", ex);
        }
    }

    private static void CheckContainer(MemoryStream workbook, ImportLimits limits)
    {
        workbook.Position = 0;
        try
        {
            using var zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
            var declared = zip.Entries.Sum(e => e.Length);
            if (declared > limits.MaxUncompressedBytes)
            {
                throw new ImportFormatException(
                    $"the workbook unpacks to {declared} bytes, more than the {limits.MaxUncompressedBytes}-byte limit");
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportFormatException("the file is not an XLSX workbook (not a zip container)");
        }
    }

    private static SourceCell ToCell(object? value, ImportLimits limits)
    {
        var (text, fromNumber) = value switch
        {
            null => (string.Empty, false),
            string s => (s, false),
            double d => (NumberText(d), true),
            DateTime t => (t.ToString("yyyyMMdd", CultureInfo.InvariantCulture), false),
            bool b => (b ? "1" : "0", false),
            _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, false),
        };
        return text.Length > limits.MaxFieldLength
            ? new SourceCell(string.Empty, $"longer than {limits.MaxFieldLength} characters", fromNumber)
            : new SourceCell(text, null, fromNumber);
    }

    private static string NumberText(double d) =>
        Math.Abs(d) <= ExactIntegerLimit && d == Math.Floor(d)
            ? ((long)d).ToString(CultureInfo.InvariantCulture)
            : d.ToString("R", CultureInfo.InvariantCulture);
}
