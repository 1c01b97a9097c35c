using System.CommandLine;
using GovChain.Crypto;

namespace GovChain.Cli.Commands;

internal static class Sm3Command
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "File to hash" };
        var command = new Command("sm3", "Print the SM3 digest of a file (hex)") { file };
        command.SetAction(parse =>
        {
            var info = parse.GetRequiredValue(file);
            if (!info.Exists)
            {
                throw new CliInputException($"file not found: {info.FullName}");
            }

            using var stream = info.OpenRead();
            Console.Out.WriteLine(Hex.Encode(Sm3.HashData(stream)));
            return ExitCodes.Success;
        });
        return command;
    }
}
