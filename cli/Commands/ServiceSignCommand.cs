using System.CommandLine;
using GovChain.CreditService.Client;
using GovChain.Crypto;
using GovChain.Wallet.Store;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain service sign`: the four x-gc-* headers that SM2-sign one REST request, one per line, so that curl can
/// send it (`curl -H @headers.txt …`). The signature covers method, path with query, SM3 of the body, timestamp and a
/// fresh nonce, so the headers are good for one request within the node's clock-skew window. The signer is a key file
/// (`--key` and `--actor`) or an identity wallet (`--wallet`, unlocked with its password).
/// </summary>
internal static class ServiceSignCommand
{
    private const string PasswordVariable = "GOVCHAIN_WALLET_PASSWORD";

    public static Command Create()
    {
        var key = new Option<string?>("--key") { Description = "The actor's SM2 private key (PEM file or hex scalar)" };
        var actor = new Option<string?>("--actor") { Description = "The actor's participant id (with --key)" };
        var wallet = new Option<DirectoryInfo?>("--wallet") { Description = "Sign as the owner of this identity wallet instead of --key/--actor" };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = $"The wallet password (default: the {PasswordVariable} environment variable)" };
        var method = new Option<string>("--method") { Description = "HTTP method", DefaultValueFactory = _ => "GET" };
        var path = new Option<string>("--path") { Description = "Path and query exactly as sent, e.g. /v1/models", Required = true };
        var body = new Option<FileInfo?>("--body") { Description = "The exact body bytes to send (omit for none)" };
        var command = new Command("sign", "Print x-gc-* headers that sign one REST request (for curl -H @file)") { key, actor, wallet, passwordFile, method, path, body };
        command.SetAction(parse =>
        {
            var requestPath = parse.GetRequiredValue(path);
            if (!requestPath.StartsWith('/'))
            {
                throw new CliInputException("--path must start with /");
            }

            var (actorId, signingKey) = Signer(parse, key, actor, wallet, passwordFile);
            var bytes = parse.GetValue(body) is { } file ? CliFiles.ReadBytes(file) : [];
            foreach (var (name, value) in new RequestSigner(actorId, signingKey).Sign(parse.GetRequiredValue(method).ToUpperInvariant(), requestPath, bytes))
            {
                Console.Out.WriteLine($"{name}: {value}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (string Actor, Sm2PrivateKey Key) Signer(ParseResult parse, Option<string?> key, Option<string?> actor, Option<DirectoryInfo?> wallet, Option<FileInfo?> passwordFile)
    {
        if (parse.GetValue(wallet) is { } dir)
        {
            if (parse.GetValue(key) is not null || parse.GetValue(actor) is not null)
            {
                throw new CliInputException("give either --wallet or --key with --actor, not both");
            }

            var password = WalletCommand.Password(parse, passwordFile);
            try
            {
                var identity = WalletStore.Open(dir.FullName).Unlock(password);
                return (identity.ParticipantId, identity.Key);
            }
            catch (Exception e) when (e is WalletAccessException or Wallet.Documents.WalletFormatException)
            {
                throw new CliInputException(e.Message);
            }
        }

        var keyArgument = parse.GetValue(key) ?? throw new CliInputException("give --key and --actor, or --wallet");
        var actorId = parse.GetValue(actor) ?? throw new CliInputException("--key needs --actor (the participant id the key belongs to)");
        return (actorId, CliFiles.ReadPrivateKey(keyArgument));
    }
}
