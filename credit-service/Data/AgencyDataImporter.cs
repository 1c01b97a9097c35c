using System.Text;

namespace GovChain.CreditService.Data;

/// <summary>
/// Reads an agency's CSV or XLSX file of one data category into an <see cref="ImportReport"/>. A file that cannot be
/// read as a whole (size, encoding, header) throws <see cref="ImportFormatException"/>; a bad row only adds a
/// <see cref="RowError"/>.
/// </summary>
public static class AgencyDataImporter
{
    public static ImportReport ImportCsv(Stream input, string category, long maxBytes = ImportLimits.DefaultMaxBytes) =>
        ImportCsv(input, category, ImportLimits.Default with { MaxBytes = maxBytes });

    public static ImportReport ImportCsv(Stream input, string category, ImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        var builder = new ImportReportBuilder(DataCategory.Get(category), limits);

        // The BOM-emitting UTF-8 encoding makes the reader skip a leading BOM; invalid bytes throw instead of turning into U+FFFD.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
        using var text = new StreamReader(new SizeLimitedStream(input, limits.MaxBytes), utf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        try
        {
            foreach (var row in new CsvRowReader(text, limits).ReadAll())
            {
                builder.Add(row);
            }
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFormatException("the file is not valid UTF-8 text");
        }

        return builder.Build();
    }

    public static ImportReport ImportXlsx(Stream input, string category, long maxBytes = ImportLimits.DefaultMaxBytes) =>
        ImportXlsx(input, category, ImportLimits.Default with { MaxBytes = maxBytes });

    public static ImportReport ImportXlsx(Stream input, string category, ImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        var builder = new ImportReportBuilder(DataCategory.Get(category), limits);
        XlsxRowReader.ReadFirstSheet(input, limits, builder.Add);
        return builder.Build();
    }
}
