using System.Text;
using GovChain.CreditService.Data;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

/// <summary>The row cap at full size: a million-row file fits the default limits, one row more does not.</summary>
[Trait(TestCategories.Key, TestCategories.Soak)]
public sealed class ImportSoakTests
{
    private const int MaxRows = 1_000_000;

    [Fact]
    public void A_million_rows_import_and_one_more_is_refused()
    {
        var csv = UtilitiesCsv(MaxRows + 1, out var lastRowStart);
        Assert.True(csv.Length < ImportLimits.DefaultMaxBytes);

        var report = AgencyDataImporter.ImportCsv(new MemoryStream(csv, 0, lastRowStart), "utilities");
        Assert.Equal(MaxRows, report.Accepted.Count);
        Assert.Empty(report.Rejected);

        var ex = Assert.Throws<ImportFormatException>(() => AgencyDataImporter.ImportCsv(new MemoryStream(csv), "utilities"));
        Assert.Contains($"more than {MaxRows} data rows", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] UtilitiesCsv(int rows, out int lastRowStart)
    {
        var random = new Random(1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder("subject_id,late_payments_12m,monthly_bill_cny\n");
        lastRowStart = 0;
        while (seen.Count < rows)
        {
            var id = random.Next(2) == 0 ? ResidentIdNumber.Generate(random).Value : UnifiedSocialCreditCode.Generate(random).Value;
            if (seen.Add(id))
            {
                lastRowStart = text.Length; // all ASCII: characters are bytes
                text.Append(id).Append(',').Append(random.Next(13)).Append(',').Append(random.Next(1000)).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
