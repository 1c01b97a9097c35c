using System.CommandLine;
using GovChain.CreditService.Client;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain service sign`: the four x-gc-* headers that SM2-sign one REST request, one per line, so that curl can
/// send it (`curl -H @headers.txt …`). The signature covers method, path with query, SM3 of the body, timestamp and a
/// fresh nonce, so the headers are good for one request within the node's clock-skew window.
/// </summary>
internal static class ServiceSignCommand
{
    public static Command Create()
    {
        var key = new Option<string>("--key") { Description = "The actor's SM2 private key (PEM file or hex scalar)", Required = true };
        var actor = new Option<string>("--actor") { Description = "The actor's participant id", Required = true };
        var method = new Option<string>("--method") { Description = "HTTP method", DefaultValueFactory = _ => "GET" };
        var path = new Option<string>("--path") { Description = "Path and query exactly as sent, e.g. /v1/models", Required = true };
        var body = new Option<FileInfo?>("--body") { Description = "The exact body bytes to send (omit for none)" };
        var command = new Command("sign", "Print x-gc-* headers that sign one REST request (for curl -H @file)") { key, actor, method, path, body };
        command.SetAction(parse =>
        {
            var requestPath = parse.GetRequiredValue(path);
            if (!requestPath.StartsWith('/'))
            {
                throw new CliInputException("--path must start with /");
            }

            var bytes = parse.GetValue(body) is { } file ? CliFiles.ReadBytes(file) : [];
            var signer = new RequestSigner(parse.GetRequiredValue(actor), CliFiles.ReadPrivateKey(parse.GetRequiredValue(key)));
            foreach (var (name, value) in signer.Sign(parse.GetRequiredValue(method).ToUpperInvariant(), requestPath, bytes))
            {
                Console.Out.WriteLine($"{name}: {value}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
