using System.CommandLine;

namespace GovChain.Cli;

/// <summary>Parses and runs a command, mapping every failure to the contract: exit 2 with one line on stderr, never a stack trace.</summary>
internal static class CliRunner
{
    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine("error: " + string.Join("; ", parse.Errors.Select(e => OneLine(e.Message))));
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("error: " + OneLine(Unwrap(e)));
            return ExitCodes.BadInput;
        }
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e;

    private static string OneLine(Exception e)
    {
        var message = e switch
        {
            FileNotFoundException f => $"file not found: {f.FileName}",
            DirectoryNotFoundException => "directory not found: " + e.Message,
            UnauthorizedAccessException => "permission denied: " + e.Message,
            _ => e.Message,
        };
        return OneLine(message);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
