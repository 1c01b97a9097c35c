using System.CommandLine;
using GovChain.CreditService.Data;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Hosting;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain service import`: an agency loads one category of its data from CSV or XLSX into the node's encrypted
/// subject store (never onto the chain). Bad rows are reported one per line with their reason; good rows are stored.
/// </summary>
internal static class ServiceImportCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = $"The node's {ServiceCommand.ConfigFile} (import while the node is stopped)", Required = true };
        var category = new Option<string>("--category") { Description = "Data category, e.g. tax, social-security, court, utilities, registration, identity", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "A .csv or .xlsx file whose header names subject_id and the category's fields", Required = true };
        var command = new Command("import", "Import agency data (CSV or XLSX) into the node's SM4-GCM encrypted store; prints one line per rejected row") { config, category, input };
        command.SetAction(parse =>
        {
            var report = Import(Load(parse.GetRequiredValue(config).FullName), parse.GetRequiredValue(category), parse.GetRequiredValue(input).FullName);
            foreach (var error in report.Rejected)
            {
                Console.Out.WriteLine($"rejected {error}");
            }

            Console.Out.WriteLine($"imported category={report.Category} accepted={report.Accepted.Count} rejected={report.Rejected.Count}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>`govchain service template`: an empty XLSX with the header row a category's import expects.</summary>
    public static Command CreateTemplate()
    {
        var category = new Option<string>("--category") { Description = "Data category", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The .xlsx file to write", Required = true };
        var command = new Command("template", "Write an empty XLSX import template for a data category") { category, output };
        command.SetAction(parse =>
        {
            var name = parse.GetRequiredValue(category);
            if (!DataCategory.TryGet(name, out _))
            {
                throw new CliInputException($"unknown category {name}; one of {string.Join(", ", DataCategory.All.Select(c => c.Name))}");
            }

            using var buffer = new MemoryStream();
            AgencyWorkbook.WriteTemplate(buffer, name);
            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, buffer.ToArray());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads <paramref name="file"/> by its extension, validates every row, and stores the accepted ones.</summary>
    public static ImportReport Import(ServiceOptions options, string category, string file)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(file))
        {
            throw new CliInputException($"input not found: {file}");
        }

        var extension = Path.GetExtension(file).ToLowerInvariant();
        try
        {
            ImportReport report;
            using (var stream = File.OpenRead(file))
            {
                report = extension switch
                {
                    ".csv" => AgencyDataImporter.ImportCsv(stream, category),
                    ".xlsx" => AgencyDataImporter.ImportXlsx(stream, category),
                    _ => throw new CliInputException($"{file}: only .csv and .xlsx are imported"),
                };
            }

            SubjectStoreLocation.Open(options).PutAll(report.Accepted);
            return report;
        }
        catch (DataInputException e)
        {
            throw new CliInputException($"{file}: {e.Message}");
        }
    }

    private static ServiceOptions Load(string path)
    {
        try
        {
            return ServiceOptions.Load(path);
        }
        catch (ServiceConfigException e)
        {
            throw new CliInputException(e.Message);
        }
    }
}
