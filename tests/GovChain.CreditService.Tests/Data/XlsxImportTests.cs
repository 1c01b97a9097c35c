using System.IO.Compression;
using FsCheck.Xunit;
using GovChain.CreditService.Data;
using Xunit;
using static GovChain.CreditService.Tests.Data.OpenXmlSheet;

namespace GovChain.CreditService.Tests.Data;

public sealed class XlsxImportTests
{
    private const string Citizen = "11010519491231002X";
    private const string Enterprise = "91350100M000100Y43";

    [Property(MaxTest = 6)]
    public bool Workbooks_written_by_AgencyWorkbook_import_back_exactly_in_every_category(int seed)
    {
        var population = SyntheticPopulation.Generate(seed, 3, 3);
        return DataCategory.All.All(category =>
        {
            var expected = population.RecordsOf(category.Name).ToList();
            using var file = new MemoryStream();
            AgencyWorkbook.Write(file, category.Name, expected);
            file.Position = 0;
            var report = AgencyDataImporter.ImportXlsx(file, category.Name);
            return report.Rejected.Count == 0 && report.Accepted.SequenceEqual(expected);
        });
    }

    [Fact]
    public void Amounts_beyond_what_a_spreadsheet_number_holds_survive_as_text()
    {
        var record = new SubjectRecord(Enterprise, "tax", DataCategoryTests.Values(
            ("annual_tax_paid_cny", long.MaxValue), ("arrears_cny", (1L << 53) + 1), ("months_in_arrears", 0)));
        using var file = new MemoryStream();
        AgencyWorkbook.Write(new NonSeekableStream(file), "tax", [record]);
        file.Position = 0;
        Assert.Equal(record, Assert.Single(AgencyDataImporter.ImportXlsx(file, "tax").Accepted));
    }

    [Fact]
    public void A_template_has_the_header_and_no_rows()
    {
        foreach (var category in DataCategory.All)
        {
            using var file = new MemoryStream();
            AgencyWorkbook.WriteTemplate(file, category.Name);
            file.Position = 0;
            var report = AgencyDataImporter.ImportXlsx(file, category.Name);
            Assert.Empty(report.Accepted);
            Assert.Empty(report.Rejected);

            // The header is checked: a template of one category is refused as another.
            file.Position = 0;
            var other = category == DataCategory.Tax ? "court" : "tax";
            Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(file, other));
        }
    }

    [Fact]
    public void Writing_a_record_that_does_not_fit_the_category_is_refused()
    {
        var bad = new SubjectRecord(Enterprise, "court", DataCategoryTests.Values(("judgments", 1001), ("enforcement_cny", 0)));
        var ex = Assert.Throws<DataInputException>(() => AgencyWorkbook.Write(new MemoryStream(), "court", [bad]));
        Assert.Equal("record 1 cannot be written: judgments must be between 0 and 1000, not 1001", ex.Message);
    }

    [Fact]
    public void A_workbook_from_another_writer_is_read_with_row_numbers_and_reasons()
    {
        var file = OpenXmlSheet.Write("Sheet1", new Dictionary<int, Value[]>
        {
            [1] = [new("subject_id"), new("annual_tax_paid_cny"), new("arrears_cny", Shared: true), new("months_in_arrears")],
            [2] = [new(Enterprise, Shared: true), new(250000d), new(0d), new(0d)],
            [4] = [new("91350100M000100Y44"), new(1d), new(0d), new(0d)],
            [5] = [new(440524188001010014d), new(1d), new(0d), new(0d)],
            [6] = [new(Citizen), new(7.5d), new(0d), new(0d)],
            [7] = [new(Citizen), new("5000"), new("12", Shared: true), new(3d)],
            [8] = [new("110101199003074477"), new(1d), new(0d)],
        });
        var report = AgencyDataImporter.ImportXlsx(file, "tax");
        Assert.Equal(
            [
                new SubjectRecord(Enterprise, "tax", DataCategoryTests.Values(("annual_tax_paid_cny", 250000), ("arrears_cny", 0), ("months_in_arrears", 0))),
                new SubjectRecord(Citizen, "tax", DataCategoryTests.Values(("annual_tax_paid_cny", 5000), ("arrears_cny", 12), ("months_in_arrears", 3))),
            ],
            report.Accepted);
        Assert.Equal(4, report.Rejected.Count);
        Assert.Equal(new RowError(4, "subject_id", "unified social credit code check character is '4' but should be '3'"), report.Rejected[0]);
        Assert.Equal((5, "subject_id"), (report.Rejected[1].Row, report.Rejected[1].Column));
        Assert.Contains("is a number cell", report.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal(new RowError(6, "annual_tax_paid_cny", "annual_tax_paid_cny '7.5' is not a whole number"), report.Rejected[2]);
        Assert.Equal(new RowError(8, "months_in_arrears", "months_in_arrears is empty"), report.Rejected[3]);
    }

    [Fact]
    public void A_header_that_names_the_wrong_columns_fails_the_file()
    {
        var file = OpenXmlSheet.Write("data", new Dictionary<int, Value[]>
        {
            [1] = [new("subject_id"), new("judgments"), new("fines")],
            [2] = [new(Enterprise), new(1d), new(2d)],
        });
        var ex = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(file, "court"));
        Assert.Equal("the header of a 'court' file must name subject_id, judgments, enforcement_cny: unknown column 'fines'; missing column 'enforcement_cny'", ex.Message);
    }

    [Fact]
    public void Files_that_are_not_workbooks_are_typed_errors()
    {
        var notZip = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(CsvText.Utf8("subject_id,judgments\n"), "court"));
        Assert.Equal("the file is not an XLSX workbook (not a zip container)", notZip.Message);

        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("hello.txt").Open();
            entry.Write("hello"u8);
        }

        zip.Position = 0;
        var notWorkbook = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(zip, "court"));
        Assert.StartsWith("the file is not a readable XLSX workbook", notWorkbook.Message, StringComparison.Ordinal);

        using var valid = new MemoryStream();
        AgencyWorkbook.WriteTemplate(valid, "court");
        var truncated = new MemoryStream(valid.ToArray()[..(int)(valid.Length / 2)]);
        Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(truncated, "court"));
    }

    [Fact]
    public void Size_limits_cover_the_file_and_what_it_unpacks_to()
    {
        using var file = new MemoryStream();
        AgencyWorkbook.WriteTemplate(file, "court");
        var bytes = file.ToArray();
        Assert.Empty(AgencyDataImporter.ImportXlsx(new MemoryStream(bytes), "court", bytes.Length).Rejected);
        Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(new MemoryStream(bytes), "court", bytes.Length - 1));

        // A small zip that declares a large part: refused before anything is decompressed.
        var bomb = new MemoryStream();
        using (var archive = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("xl/worksheets/sheet1.xml").Open();
            entry.Write(new byte[4 * 1024 * 1024]);
        }

        bomb.Position = 0;
        var ex = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportXlsx(bomb, "court", 256 * 1024));
        Assert.Contains("unpacks to 4194304 bytes", ex.Message, StringComparison.Ordinal);
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
