using System.CommandLine;
using System.Globalization;
using System.Text;
using GovChain.Crypto;
using GovChain.Ledger;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Wallet.Documents;
using GovChain.Wallet.Store;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain wallet …`: a citizen's or enterprise's identity wallet (keystore, credentials, predicate proofs, consent
/// transactions, e-licences). The password comes from --password-file or GOVCHAIN_WALLET_PASSWORD, never the command line.
/// </summary>
internal static class WalletCommand
{
    private const string PasswordVariable = "GOVCHAIN_WALLET_PASSWORD";
    private const long SecondsPerDay = 86_400;

    public static Command Create()
    {
        var command = new Command("wallet", "Identity wallet: keystore, credentials, predicate proofs, consent, e-licences");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Register());
        command.Subcommands.Add(CredentialVerbs());
        command.Subcommands.Add(Prove());
        command.Subcommands.Add(VerifyProof());
        command.Subcommands.Add(ConsentVerbs());
        command.Subcommands.Add(LicenceVerbs());
        return command;
    }

    private static Command Init()
    {
        var (dir, passwordFile) = (DirOption(), PasswordFileOption());
        var id = new Option<string>("--id") { Description = "Participant id of the wallet's owner", Required = true };
        var iterations = new Option<int>("--iterations") { Description = "PBKDF2-HMAC-SM3 iterations for the keystore", DefaultValueFactory = _ => PasswordSealedBox.DefaultIterations };
        var key = new Option<string?>("--key") { Description = "Import this private key (PEM file or scalar hex) instead of generating one" };
        var command = new Command("init", "Create a wallet with a new SM2 key; prints the public key hex") { dir, id, passwordFile, iterations, key };
        command.SetAction(parse =>
        {
            var imported = parse.GetValue(key) is { } k ? CliFiles.ReadPrivateKey(k) : null;
            var store = WalletStore.Create(DirPath(parse, dir), parse.GetRequiredValue(id), Password(parse, passwordFile), imported, parse.GetValue(iterations));
            Console.Out.WriteLine(Hex.Encode(store.PublicKey));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var (dir, passwordFile) = (DirOption(), PasswordFileOption());
        var command = new Command("show", "Print the owner, public key, credential and licence ids; with the password also the (sealed) consent log")
        {
            dir, passwordFile,
        };
        command.SetAction(parse =>
        {
            var store = WalletStore.Open(DirPath(parse, dir));
            var password = OptionalPassword(parse, passwordFile);
            Console.Out.WriteLine($"participant  {store.ParticipantId}");
            Console.Out.WriteLine($"public key   {Hex.Encode(store.PublicKey)}");
            Console.Out.WriteLine($"credentials  {string.Join(' ', store.CredentialIndex().Select(c => c.Id))}");
            Console.Out.WriteLine($"licences     {string.Join(' ', store.Licences().Select(l => l.Id))}");
            if (password is null)
            {
                Console.Out.WriteLine($"consents     sealed (give --password-file or {PasswordVariable} to list them)");
                return ExitCodes.Success;
            }

            foreach (var entry in store.Consents(store.Unlock(password)))
            {
                Console.Out.WriteLine($"consent      {entry.ConsentId} {entry.Action} {entry.Bureau} at {entry.At} tx {entry.TransactionHash}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Register()
    {
        var (dir, passwordFile, chainId, output) = (DirOption(), PasswordFileOption(), ChainIdOption(), OutOption("Where to write the signed transaction"));
        var command = new Command("register", "Sign the owner's RegisterParticipant (subject) transaction; prints its hash") { dir, passwordFile, chainId, output };
        command.SetAction(parse =>
        {
            var identity = Unlock(parse, dir, passwordFile);
            return WriteTransaction(parse, output, ConsentBuilder.Register(identity.Key, ChainId(parse, chainId), identity.ParticipantId));
        });
        return command;
    }

    private static Command CredentialVerbs()
    {
        var command = new Command("credential", "Credentials received from issuers");
        var (dir, passwordFile) = (DirOption(), PasswordFileOption());
        var input = new Option<FileInfo>("--in") { Description = "Credential JSON, or the sealed credential (SM2 C1C3C2; raw, hex or base64) from the issuer", Required = true };
        var import = new Command("import", "Check a credential (signature, holder, opening) and store it encrypted; needs the password") { dir, input, passwordFile };
        import.SetAction(parse =>
        {
            var store = WalletStore.Open(DirPath(parse, dir));
            var owner = store.Unlock(Password(parse, passwordFile));
            var bytes = CliFiles.ReadBytes(parse.GetRequiredValue(input));
            var text = Encoding.UTF8.GetString(bytes).Trim();
            var credential = text.StartsWith('{') ? Credential.FromJson(text) : SealedCredential.Open(SealedBytes(bytes, text), owner.Key);
            store.SaveCredential(owner, credential);
            Console.Out.WriteLine(credential.Statement.Id);
            return ExitCodes.Success;
        });
        var (listDir, listPasswordFile) = (DirOption(), PasswordFileOption());
        var list = new Command("list", "One line per credential: id and type; with the password also issuer and issued at (and every file is checked)")
        {
            listDir, listPasswordFile,
        };
        list.SetAction(parse =>
        {
            var store = WalletStore.Open(DirPath(parse, listDir));
            if (OptionalPassword(parse, listPasswordFile) is not { } password)
            {
                foreach (var entry in store.CredentialIndex())
                {
                    Console.Out.WriteLine($"{entry.Id}\t{entry.Type}");
                }

                return ExitCodes.Success;
            }

            foreach (var s in store.Credentials(store.Unlock(password)).Select(c => c.Statement))
            {
                Console.Out.WriteLine($"{s.Id}\t{s.Type}\t{s.Issuer}\t{s.IssuedAt}");
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(import);
        command.Subcommands.Add(list);
        return command;
    }

    private static Command Prove()
    {
        var (dir, passwordFile, circuits) = (DirOption(), PasswordFileOption(), CircuitsOption());
        var credential = new Option<string>("--credential") { Description = "Id of a stored credential", Required = true };
        var predicate = new Option<string>("--predicate") { Description = "score-at-least | age-at-least | value-at-most | flag-is-zero", Required = true };
        var parameters = new Option<string[]>("--param") { Description = "A public parameter as name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = OutOption("Where to write the predicate proof JSON");
        var command = new Command("prove", "Prove a predicate about a stored credential with Groth16; needs the password")
        {
            dir, passwordFile, credential, predicate, parameters, output, circuits,
        };
        command.SetAction(parse =>
        {
            var store = WalletStore.Open(DirPath(parse, dir));
            var stored = store.LoadCredential(store.Unlock(Password(parse, passwordFile)), parse.GetRequiredValue(credential));
            var request = new PredicateRequest(parse.GetRequiredValue(predicate), ParseParameters(parse.GetValue(parameters) ?? []));
            using var prover = new PredicateProver(parse.GetValue(circuits)?.FullName);
            var proof = prover.Prove(stored, request);
            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, Encoding.UTF8.GetBytes(proof.ToJson() + "\n"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command VerifyProof()
    {
        var circuits = CircuitsOption();
        var input = new Option<FileInfo>("--in") { Description = "Predicate proof JSON", Required = true };
        var today = new Option<long?>("--today") { Description = "The verifier's date as YYYYMMDD (default: today, UTC)" };
        var command = new Command("verify-proof", "Verify a predicate proof (issuer signature, public signals, Groth16); prints valid or invalid") { input, today, circuits };
        command.SetAction(parse =>
        {
            var proof = PredicateProof.FromJson(ReadText(parse.GetRequiredValue(input)));
            using var verifier = new PredicateVerifier(parse.GetValue(circuits)?.FullName);
            var date = parse.GetValue(today) ?? long.Parse(DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var verdict = verifier.Verify(proof, date);
            return Verdict(verdict.Valid, verdict.Reason);
        });
        return command;
    }

    private static Command ConsentVerbs()
    {
        var command = new Command("consent", "Sign consent transactions for the ledger");
        var (dir, passwordFile, chainId, nonce, consent, output) = ConsentOptions();
        var bureau = new Option<string>("--bureau") { Description = "Participant id of the bureau", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "What the bureau may use the data for", Required = true };
        var categories = new Option<string>("--categories") { Description = "Comma-separated data categories", Required = true };
        var classification = new Option<string>("--classification") { Description = "Data classification", DefaultValueFactory = _ => "general" };
        classification.AcceptOnlyFromAmong("general", "important");
        var days = new Option<int>("--days") { Description = "Validity from now, in days", Required = true };
        var grant = new Command("grant", "Sign a GrantConsent transaction; prints its hash")
        {
            dir, passwordFile, chainId, nonce, consent, bureau, purpose, categories, classification, days, output,
        };
        grant.SetAction(parse =>
        {
            var store = WalletStore.Open(DirPath(parse, dir));
            var identity = store.Unlock(Password(parse, passwordFile));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var span = parse.GetValue(days);
            if (span is < 1 or > 366)
            {
                throw new CliInputException("--days must be 1 to 366");
            }

            var tx = ConsentBuilder.Grant(identity.Key, ChainId(parse, chainId), parse.GetValue(nonce), parse.GetRequiredValue(consent), parse.GetRequiredValue(bureau),
                parse.GetRequiredValue(purpose), parse.GetRequiredValue(categories).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                parse.GetRequiredValue(classification) == "important" ? DataClassification.Important : DataClassification.General, now, now + (span * SecondsPerDay));
            var code = WriteTransaction(parse, output, tx);
            store.RecordConsent(identity,
                new ConsentLogEntry(parse.GetRequiredValue(consent), ConsentLogEntry.Granted, parse.GetRequiredValue(bureau), now, Hash32.Compute(tx.Encode()).ToString()));
            return code;
        });

        var (rDir, rPasswordFile, rChainId, rNonce, rConsent, rOutput) = ConsentOptions();
        var revoke = new Command("revoke", "Sign a RevokeConsent transaction; prints its hash") { rDir, rPasswordFile, rChainId, rNonce, rConsent, rOutput };
        revoke.SetAction(parse =>
        {
            var store = WalletStore.Open(DirPath(parse, rDir));
            var identity = store.Unlock(Password(parse, rPasswordFile));
            var id = parse.GetRequiredValue(rConsent);
            var tx = ConsentBuilder.Revoke(identity.Key, ChainId(parse, rChainId), parse.GetValue(rNonce), id);
            var code = WriteTransaction(parse, rOutput, tx);
            var bureau = store.Consents(identity).LastOrDefault(e => e.ConsentId == id)?.Bureau ?? "";
            store.RecordConsent(identity, new ConsentLogEntry(id, ConsentLogEntry.Revoked, bureau, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Hash32.Compute(tx.Encode()).ToString()));
            return code;
        });
        command.Subcommands.Add(grant);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static Command LicenceVerbs()
    {
        var command = new Command("licence", "E-licences: import, open, present as a signed disclosure, verify");
        command.Subcommands.Add(LicenceImport());
        command.Subcommands.Add(LicenceOpen());
        command.Subcommands.Add(LicencePresent());
        command.Subcommands.Add(LicenceVerify());
        return command;
    }

    private static Command LicenceImport()
    {
        var dir = DirOption();
        var envelope = new Option<FileInfo>("--envelope") { Description = "Licence envelope JSON from the issuer", Required = true };
        var blob = new Option<FileInfo>("--blob") { Description = "The sealed licence blob", Required = true };
        var command = new Command("import", "Check a licence envelope and blob (issuer signature, holder key, hash) and store them") { dir, envelope, blob };
        command.SetAction(parse =>
        {
            var env = LicenceEnvelope.FromJson(ReadText(parse.GetRequiredValue(envelope)));
            WalletStore.Open(DirPath(parse, dir)).SaveLicence(env, CliFiles.ReadBytes(parse.GetRequiredValue(blob)));
            Console.Out.WriteLine(env.Id);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command LicenceOpen()
    {
        var (dir, passwordFile, id) = (DirOption(), PasswordFileOption(), LicenceIdOption());
        var command = new Command("open", "Decrypt and check a stored licence; prints the document JSON") { dir, passwordFile, id };
        command.SetAction(parse =>
        {
            var identity = Unlock(parse, dir, passwordFile);
            var (envelope, blob) = WalletStore.Open(DirPath(parse, dir)).LoadLicence(parse.GetRequiredValue(id));
            Console.Out.WriteLine(envelope.Open(identity.Key, blob).ToJson());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command LicencePresent()
    {
        var (dir, passwordFile, id) = (DirOption(), PasswordFileOption(), LicenceIdOption());
        var audience = new Option<string?>("--audience") { Description = "Participant id of the verifier the disclosure is for" };
        var minutes = new Option<int>("--minutes") { Description = "Lifetime of the disclosure", DefaultValueFactory = _ => 5 };
        var qr = new Option<FileInfo?>("--qr") { Description = "Also write the QR code as a PNG" };
        var command = new Command("present", "Sign a short-lived disclosure; prints the token and a terminal QR code") { dir, passwordFile, id, audience, minutes, qr };
        command.SetAction(parse =>
        {
            var lifetime = parse.GetValue(minutes);
            if (lifetime is < 1 or > 24 * 60)
            {
                throw new CliInputException("--minutes must be 1 to 1440");
            }

            var identity = Unlock(parse, dir, passwordFile);
            var (envelope, blob) = WalletStore.Open(DirPath(parse, dir)).LoadLicence(parse.GetRequiredValue(id));
            var document = envelope.Open(identity.Key, blob);
            var expires = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (lifetime * 60L);
            var token = LicenceDisclosure.Create(identity.Key, envelope, document, parse.GetValue(audience), expires).ToToken();
            if (parse.GetValue(qr) is { } png)
            {
                CliFiles.WriteAtomically(png.FullName, DisclosureQr.Png(token));
            }

            Console.Out.WriteLine(token);
            Console.Out.WriteLine(DisclosureQr.Text(token));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command LicenceVerify()
    {
        var token = new Option<string>("--token") { Description = "The disclosure token (gcd1.…), or a file holding it", Required = true };
        var audience = new Option<string?>("--audience") { Description = "The verifier's participant id" };
        var at = new Option<long?>("--at") { Description = "Check as of this unix time (default: now)" };
        var command = new Command("verify", "Verify a licence disclosure token; prints valid or invalid (reason on stderr)") { token, audience, at };
        command.SetAction(parse =>
        {
            var text = parse.GetRequiredValue(token);
            if (!text.StartsWith(LicenceDisclosure.TokenPrefix, StringComparison.Ordinal) && File.Exists(text))
            {
                text = File.ReadAllText(text).Trim();
            }

            var verdict = LicenceDisclosure.FromToken(text).Verify(parse.GetValue(at) ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(), parse.GetValue(audience));
            return Verdict(verdict.Valid, $"licence {verdict.LicenceId}: {verdict.Reason}");
        });
        return command;
    }

    private static int Verdict(bool valid, string reason)
    {
        if (!valid)
        {
            Console.Error.WriteLine(reason);
        }

        return ExitCodes.Verdict(valid);
    }

    private static int WriteTransaction(ParseResult parse, Option<FileInfo> output, LedgerTransaction tx)
    {
        var bytes = tx.Encode();
        CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, bytes);
        Console.Out.WriteLine(Hash32.Compute(bytes).ToString());
        return ExitCodes.Success;
    }

    private static WalletIdentity Unlock(ParseResult parse, Option<DirectoryInfo> dir, Option<FileInfo?> passwordFile) =>
        WalletStore.Open(DirPath(parse, dir)).Unlock(Password(parse, passwordFile));

    internal static byte[] Password(ParseResult parse, Option<FileInfo?> passwordFile) =>
        OptionalPassword(parse, passwordFile) ?? throw new CliInputException($"give the wallet password with --password-file or {PasswordVariable}");

    /// <summary>The password from --password-file, else the environment; null when neither is given.</summary>
    private static byte[]? OptionalPassword(ParseResult parse, Option<FileInfo?> passwordFile)
    {
        // Only one trailing line break is stripped, so a password may still end in white space.
        var text = parse.GetValue(passwordFile) is { } file
            ? StripLineBreak(Encoding.UTF8.GetString(CliFiles.ReadBytes(file)))
            : Environment.GetEnvironmentVariable(PasswordVariable);
        return text switch
        {
            null => null,
            "" => throw new CliInputException("the wallet password is empty"),
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    private static string StripLineBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;

    /// <summary>The issuer's ciphertext as saved from gRPC (raw), the CLI (hex) or REST (base64).</summary>
    private static byte[] SealedBytes(byte[] file, string text)
    {
        if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : file;
    }

    private static SortedDictionary<string, ulong> ParseParameters(string[] pairs)
    {
        var map = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new CliInputException($"--param '{pair}': expected name=unsigned integer");
            }

            if (!map.TryAdd(parts[0], value))
            {
                throw new CliInputException($"--param {parts[0]} is given twice");
            }
        }

        return map;
    }

    private static Hash32 ChainId(ParseResult parse, Option<string> option)
    {
        var bytes = Hex.Decode(parse.GetRequiredValue(option), "--chain-id");
        return bytes.Length == Hash32.Size ? new Hash32(bytes) : throw new CliInputException($"--chain-id must be {Hash32.Size} bytes of hex, got {bytes.Length}");
    }

    private static string ReadText(FileInfo file) => Encoding.UTF8.GetString(CliFiles.ReadBytes(file));

    private static string DirPath(ParseResult parse, Option<DirectoryInfo> dir) => parse.GetRequiredValue(dir).FullName;

    private static Option<DirectoryInfo> DirOption() => new("--dir") { Description = "Wallet directory", Required = true };

    private static Option<FileInfo?> PasswordFileOption() =>
        new("--password-file") { Description = $"File holding the wallet password (default: the {PasswordVariable} environment variable)" };

    private static Option<FileInfo> OutOption(string description) => new("--out") { Description = description, Required = true };

    private static Option<string> ChainIdOption() => new("--chain-id") { Description = "The ledger's chain id (32 bytes, hex)", Required = true };

    private static Option<string> LicenceIdOption() => new("--id") { Description = "Id of a stored licence", Required = true };

    private static Option<DirectoryInfo?> CircuitsOption() =>
        new("--circuits") { Description = "Circuits directory (default: vectors/circuits above the executable)" };

    private static (Option<DirectoryInfo>, Option<FileInfo?>, Option<string>, Option<ulong>, Option<string>, Option<FileInfo>) ConsentOptions() =>
        (DirOption(), PasswordFileOption(), ChainIdOption(),
            new Option<ulong>("--nonce") { Description = "The wallet owner's next ledger nonce", Required = true },
            new Option<string>("--consent") { Description = "Consent id", Required = true },
            OutOption("Where to write the signed transaction"));
}
