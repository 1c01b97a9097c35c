using System.Globalization;
using GovChain.Cli.Commands;
using GovChain.CreditService.Data;

namespace GovChain.Cli.Demo;

/// <summary>
/// Each agency receives its data as generated XLSX workbooks (one per category), plus a CSV of late corrections with
/// two bad rows, and imports them into its node's encrypted store while the node is still stopped. Rows with a wrong
/// check digit or an out-of-range value are rejected with their reason; nothing goes onto the chain.
/// </summary>
internal static class DataStage
{
    private const string Stage = "agency data import";

    public static void Run(DemoContext demo)
    {
        var inbox = Path.Combine(demo.Directory, "agency-data");
        Directory.CreateDirectory(inbox);
        foreach (var agency in demo.Network.Agencies)
        {
            var accepted = 0;
            foreach (var category in agency.Role.Categories)
            {
                var file = Path.Combine(inbox, $"{agency.Id}-{category}.xlsx");
                using (var output = File.Create(file))
                {
                    AgencyWorkbook.Write(output, category, demo.Population.RecordsOf(category));
                }

                var report = ServiceImportCommand.Import(agency.Options, category, file);
                accepted += report.Accepted.Count;
                demo.Report.Add(Stage, $"{agency.Role.Name}: {Path.GetFileName(file)}", report.Rejected.Count == 0 && report.Accepted.Count > 0,
                    $"{report.Accepted.Count} rows into the SM4-GCM store");
            }

            demo.Report.Figure($"rows imported by {agency.Id} ({agency.Role.Name})", accepted.ToString(CultureInfo.InvariantCulture));
        }

        ImportCorrections(demo, inbox);
    }

    /// <summary>A CSV with one good row and two bad ones: a resident ID with a wrong check digit, and a value out of range.</summary>
    private static void ImportCorrections(DemoContext demo, string inbox)
    {
        var citizen = demo.Citizens.First();
        var good = demo.Population.RecordsOf("utilities").First(r => r.SubjectId == citizen.Id);
        var badId = citizen.Id[..17] + (citizen.Id[17] == '0' ? '1' : '0');
        var file = Path.Combine(inbox, $"{demo.Taxation.Id}-utilities-corrections.csv");
        File.WriteAllText(file, string.Join('\n',
            "subject_id,late_payments_12m,monthly_bill_cny",
            $"{citizen.Id},{good.Values["late_payments_12m"]},{good.Values["monthly_bill_cny"]}",
            $"{badId},1,300",
            $"{citizen.Id},13,300") + "\n");
        var report = ServiceImportCommand.Import(demo.Taxation.Options, "utilities", file);
        var reasons = string.Join("; ", report.Rejected.Select(r => r.ToString()));
        demo.Report.Add(Stage, "taxation: corrections.csv with a bad check digit and an out-of-range value",
            report.Accepted.Count == 1 && report.Rejected.Count == 2 && report.Rejected.Any(r => r.Row == 3) && report.Rejected.Any(r => r.Row == 4),
            $"1 accepted, rejected: {reasons}");
    }
}
