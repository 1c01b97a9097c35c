using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GovChain.CreditService.Data;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

public sealed class CsvImportTests
{
    private const string Citizen = "11010519491231002X";
    private const string Enterprise = "91350100M000100Y43";
    private const string TaxHeader = "subject_id,annual_tax_paid_cny,arrears_cny,months_in_arrears";

    [Fact]
    public void A_good_file_with_bom_crlf_and_any_column_order_imports_every_row()
    {
        var csv = "months_in_arrears,subject_id,arrears_cny,annual_tax_paid_cny\r\n"
            + $"3,{Citizen},1200,5000\r\n"
            + $"0,{Enterprise},0,9007199254740993\r\n";
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(csv, bom: true), "tax");
        Assert.Equal("tax", report.Category);
        Assert.Empty(report.Rejected);
        Assert.Equal(
            [
                new SubjectRecord(Citizen, "tax", DataCategoryTests.Values(("annual_tax_paid_cny", 5000), ("arrears_cny", 1200), ("months_in_arrears", 3))),
                new SubjectRecord(Enterprise, "tax", DataCategoryTests.Values(("annual_tax_paid_cny", 9007199254740993), ("arrears_cny", 0), ("months_in_arrears", 0))),
            ],
            report.Accepted);
    }

    [Fact]
    public void Quoted_fields_keep_commas_and_quotes_and_a_quoted_line_break_stays_inside_its_row()
    {
        var csv = "subject_id,name,birth_date\n"
            + $"\"{Citizen}\",\"王, \"\"小\"\"明\",19491231\n"
            + "440524188001010014,\"两\r\n行\",18800101\n"
            + "110101199003074477,李四,19900307\n";
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "identity");
        Assert.Equal(["王, \"小\"明", "李四"], report.Accepted.Select(r => r.Texts["name"]));
        Assert.Equal([19491231L, 19900307L], report.Accepted.Select(r => r.Values["birth_date"]));
        Assert.Equal(new RowError(3, "name", "name contains a control character"), Assert.Single(report.Rejected));
    }

    [Theory]
    [InlineData($"{Citizen},1,2,121", "months_in_arrears", "months_in_arrears must be between 0 and 120, not 121")]
    [InlineData($"{Citizen},-1,2,1", "annual_tax_paid_cny", "annual_tax_paid_cny must be at least 0, not -1")]
    [InlineData($"{Citizen},\"1,000\",2,1", "annual_tax_paid_cny", "annual_tax_paid_cny '1,000' is not a whole number")]
    [InlineData($"{Citizen},1.5,2,1", "annual_tax_paid_cny", "annual_tax_paid_cny '1.5' is not a whole number")]
    [InlineData($"{Citizen}, 7,2,1", "annual_tax_paid_cny", "annual_tax_paid_cny ' 7' is not a whole number")]
    [InlineData($"{Citizen},,2,1", "annual_tax_paid_cny", "annual_tax_paid_cny is empty")]
    [InlineData($"{Citizen},99999999999999999999,2,1", "annual_tax_paid_cny", "is not a whole number")]
    [InlineData("110105194912310021,1,2,1", "subject_id", "check character is '1' but should be 'X'")]
    [InlineData("91350100m000100y43,1,2,1", "subject_id", "lower-case 'm' at position 9")]
    [InlineData(" 91350100M000100Y43,1,2,1", "subject_id", "whitespace at position 1")]
    [InlineData("9135010,1,2,1", "subject_id", "unified social credit code must be 18 characters, not 7")]
    [InlineData("1101051949123100,1,2,1", "subject_id", "resident ID number must be 18 characters, not 16")]
    [InlineData($"{Citizen},1,2", null, "expected 4 fields, found 3")]
    [InlineData($"{Citizen},1,2,3,4", null, "expected 4 fields, found 5")]
    [InlineData($"{Citizen},1\"0,2,3", null, "a quote appears inside an unquoted field")]
    [InlineData($"{Citizen},\"10\"x,2,3", null, "text follows a closing quote")]
    [InlineData($"{Citizen},\"10,2,3", null, "a quoted field is not closed before the end of the file")]
    public void A_bad_row_is_rejected_with_its_row_column_and_reason(string row, string? column, string reason)
    {
        var csv = $"{TaxHeader}\n{Enterprise},1,0,0\n{row}\n";
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "tax");
        Assert.Equal(Enterprise, Assert.Single(report.Accepted).SubjectId);
        var error = Assert.Single(report.Rejected);
        Assert.Equal(3, error.Row);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_are_numbered_as_records_with_blank_lines_counted_and_one_bad_row_costs_nothing_else()
    {
        var csv = $"{TaxHeader}\r\n\r\n{Enterprise},1,0,0\r\n{Citizen},1,0,200\r\n{Enterprise},2,0,0\r\n\r\n{Citizen},5,0,0";
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "tax");
        Assert.Equal([Enterprise, Citizen], report.Accepted.Select(r => r.SubjectId));
        Assert.Equal(
            [new RowError(4, "months_in_arrears", "months_in_arrears must be between 0 and 120, not 200"),
                new RowError(5, "subject_id", "subject already appears on row 3")],
            report.Rejected);
    }

    [Fact]
    public void A_subject_of_the_wrong_kind_for_the_category_is_rejected()
    {
        var csv = $"subject_id,months_contributed,monthly_base_cny\n{Enterprise},12,5000\n{Citizen},12,5000\n";
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "social-security");
        Assert.Equal(Citizen, Assert.Single(report.Accepted).SubjectId);
        Assert.Equal(new RowError(2, "subject_id", "category 'social-security' holds no data about enterprises"), Assert.Single(report.Rejected));
    }

    [Fact]
    public void An_overlong_field_is_a_row_error_and_is_not_buffered_whole()
    {
        var csv = $"subject_id,name,birth_date\n{Citizen},{new string('名', 100_000)},19491231\n";
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "identity");
        Assert.Equal(new RowError(2, "name", "longer than 256 characters"), Assert.Single(report.Rejected));
    }

    [Theory]
    [InlineData("subject_id,annual_tax_paid_cny,arrears_cny\n", "missing column 'months_in_arrears'")]
    [InlineData("subject_id,annual_tax_paid_cny,arrears_cny,months_in_arrears,extra\n", "unknown column 'extra'")]
    [InlineData("subject_id,annual_tax_paid_cny,arrears_cny,months_in_arrears,arrears_cny\n", "column 'arrears_cny' appears 2 times")]
    [InlineData("Subject_ID,annual_tax_paid_cny,arrears_cny,months_in_arrears\n", "unknown column 'Subject_ID'; missing column 'subject_id'")]
    [InlineData("subject_id,\"annual_tax_paid_cny,arrears_cny,months_in_arrears\n", "the header row (row 1) is malformed")]
    [InlineData("", "the file is empty")]
    [InlineData("\n\r\n", "the file is empty")]
    public void A_bad_header_fails_the_whole_file_with_one_clear_error(string csv, string reason)
    {
        var ex = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "tax"));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void The_byte_limit_admits_a_file_of_exactly_its_size_and_refuses_one_byte_more()
    {
        var csv = $"{TaxHeader}\n{Enterprise},1,0,0\n";
        var size = System.Text.Encoding.UTF8.GetByteCount(csv);
        Assert.Single(AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "tax", size).Accepted);
        var ex = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "tax", size - 1));
        Assert.Equal($"the file is larger than the {size - 1}-byte limit", ex.Message);
    }

    [Fact]
    public void Too_many_rows_fail_the_file()
    {
        var rows = SyntheticPopulation.Generate(3, 0, 4).RecordsOf("tax");
        var limits = ImportLimits.Default with { MaxRows = 3 };
        var ex = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportCsv(CsvText.Utf8(CsvText.Of(DataCategory.Tax, rows)), "tax", limits));
        Assert.Contains("more than 3 data rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_fields_in_a_row_is_a_row_error()
    {
        var csv = $"{TaxHeader}\n{Enterprise},1,0,0{new string(',', 1000)}\n";
        Assert.Equal(new RowError(2, null, "more than 64 fields"), Assert.Single(AgencyDataImporter.ImportCsv(CsvText.Utf8(csv), "tax").Rejected));
    }

    [Fact]
    public void Invalid_utf8_and_unknown_categories_are_typed_errors()
    {
        var bytes = new MemoryStream([.. System.Text.Encoding.UTF8.GetBytes(TaxHeader + "\n" + Enterprise + ",1,0,"), 0xC3, 0x28, (byte)'\n']);
        Assert.Equal("the file is not valid UTF-8 text", Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportCsv(bytes, "tax")).Message);
        Assert.Throws<UnknownCategoryException>(() => AgencyDataImporter.ImportCsv(CsvText.Utf8(TaxHeader), "taxes"));
    }

    [Property(MaxTest = 25)]
    public bool Synthetic_records_survive_a_csv_round_trip_in_every_category(int seed, bool bom, bool crlf)
    {
        var population = SyntheticPopulation.Generate(seed, 4, 3);
        return DataCategory.All.All(category =>
        {
            var expected = population.RecordsOf(category.Name).ToList();
            var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(CsvText.Of(category, expected, crlf ? "\r\n" : "\n"), bom), category.Name);
            return report.Rejected.Count == 0 && report.Accepted.SequenceEqual(expected);
        });
    }

    [Property(MaxTest = 200)]
    public Property Any_name_without_control_characters_survives_quoting(NonEmptyString name)
    {
        var text = name.Get.Length > 256 ? name.Get[..256] : name.Get;
        var record = new SubjectRecord(Citizen, "identity", DataCategoryTests.Values(("birth_date", 19491231)))
        {
            Texts = new Dictionary<string, string> { ["name"] = text },
        };
        var report = AgencyDataImporter.ImportCsv(CsvText.Utf8(CsvText.Of(DataCategory.Identity, [record])), "identity");
        var fits = DataCategory.Identity.Field("name")!.CheckText(text) is null;
        return (fits ? report.Accepted.SequenceEqual([record]) : report.Rejected.Count == 1 && report.Accepted.Count == 0)
            .Label(string.Join(" / ", report.Rejected));
    }

    [Property(MaxTest = 300)]
    public bool Arbitrary_bytes_give_a_report_or_an_import_format_error_and_nothing_else(byte[] noise, bool withHeader)
    {
        var header = withHeader ? System.Text.Encoding.UTF8.GetBytes(TaxHeader + "\n") : [];
        try
        {
            var report = AgencyDataImporter.ImportCsv(new MemoryStream([.. header, .. noise]), "tax");
            return report.Accepted.All(r => DataCategory.Tax.Diagnose(r) is null);
        }
        catch (ImportFormatException ex)
        {
            return !ex.Message.Contains('\n', StringComparison.Ordinal);
        }
    }
}
