using System.CommandLine;
using GovChain.Crypto;

namespace GovChain.Cli.Commands;

internal static class Sm2Command
{
    public static Command Create()
    {
        var command = new Command("sm2", "SM2 keys, signatures (GB/T 32918.2) and encryption (GB/T 32918.4)");
        command.Subcommands.Add(KeyGen());
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Encrypt());
        command.Subcommands.Add(Decrypt());
        return command;
    }

    private static Command KeyGen()
    {
        var output = new Option<FileInfo>("--out") { Description = "Private key file (PKCS#8 PEM), created with mode 0600", Required = true };
        var pub = new Option<FileInfo?>("--pub") { Description = "Public key file (SPKI PEM)" };
        var command = new Command("keygen", "Generate an SM2 key pair") { output, pub };
        command.SetAction(parse =>
        {
            var key = Sm2PrivateKey.Generate();
            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, System.Text.Encoding.ASCII.GetBytes(key.ExportPem()), secret: true);
            if (parse.GetValue(pub) is { } pubFile)
            {
                CliFiles.WriteAtomically(pubFile.FullName, System.Text.Encoding.ASCII.GetBytes(key.PublicKey.ExportPem()));
            }

            Console.Out.WriteLine(Hex.Encode(key.PublicKey.ToUncompressed()));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Sign()
    {
        var key = KeyOption();
        var id = IdOption();
        var input = InOption("Message file");
        var format = FormatOption();
        var command = new Command("sign", "Sign a file; prints the hex signature") { key, id, input, format };
        command.SetAction(parse =>
        {
            var privateKey = CliFiles.ReadPrivateKey(parse.GetRequiredValue(key));
            var signature = privateKey.SignData(CliFiles.ReadBytes(parse.GetRequiredValue(input)), UserId(parse.GetRequiredValue(id)));
            Console.Out.WriteLine(Hex.Encode(parse.GetRequiredValue(format) == "der" ? signature.ToDer() : signature.ToRaw()));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify()
    {
        var pub = PubOption();
        var id = IdOption();
        var input = InOption("Message file");
        var sig = new Option<string>("--sig") { Description = "Signature in hex", Required = true };
        var format = FormatOption();
        var command = new Command("verify", "Verify a signature; prints valid or invalid (exit 0 or 1)") { pub, id, input, sig, format };
        command.SetAction(parse =>
        {
            var publicKey = CliFiles.ReadPublicKey(parse.GetRequiredValue(pub));
            var message = CliFiles.ReadBytes(parse.GetRequiredValue(input));
            var sigBytes = Hex.Decode(parse.GetRequiredValue(sig), "--sig");
            var signature = parse.GetRequiredValue(format) == "der" ? Sm2Signature.FromDer(sigBytes) : Sm2Signature.FromRaw(sigBytes);
            return ExitCodes.Verdict(publicKey.VerifyData(message, signature, UserId(parse.GetRequiredValue(id))));
        });
        return command;
    }

    private static Command Encrypt()
    {
        var pub = PubOption();
        var input = InOption("Plaintext file");
        var mode = ModeOption();
        var command = new Command("encrypt", "Encrypt a file to a public key; prints the hex ciphertext") { pub, input, mode };
        command.SetAction(parse =>
        {
            var publicKey = CliFiles.ReadPublicKey(parse.GetRequiredValue(pub));
            var ciphertext = publicKey.Encrypt(CliFiles.ReadBytes(parse.GetRequiredValue(input)));
            Console.Out.WriteLine(Hex.Encode(ciphertext.Encode(ParseMode(parse.GetRequiredValue(mode)))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decrypt()
    {
        var key = KeyOption();
        var input = InOption("File holding the hex ciphertext");
        var mode = ModeOption();
        var output = new Option<FileInfo?>("--out") { Description = "Plaintext file (default: standard output)" };
        var command = new Command("decrypt", "Decrypt a hex ciphertext file") { key, input, mode, output };
        command.SetAction(parse =>
        {
            var privateKey = CliFiles.ReadPrivateKey(parse.GetRequiredValue(key));
            var encoded = CliFiles.ReadHexFile(parse.GetRequiredValue(input), "ciphertext");
            var plaintext = privateKey.Decrypt(Sm2Ciphertext.Decode(encoded, ParseMode(parse.GetRequiredValue(mode))));
            if (parse.GetValue(output) is { } file)
            {
                CliFiles.WriteAtomically(file.FullName, plaintext);
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(plaintext);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> KeyOption() =>
        new("--key") { Description = "Private key: a PKCS#8 PEM file or the scalar in hex", Required = true };

    private static Option<string> PubOption() =>
        new("--pub") { Description = "Public key: an SPKI PEM file or 04‖x‖y in hex", Required = true };

    private static Option<string> IdOption() =>
        new("--id") { Description = "User ID that enters ZA", DefaultValueFactory = _ => "1234567812345678" };

    private static Option<FileInfo> InOption(string description) => new("--in") { Description = description, Required = true };

    private static Option<string> FormatOption()
    {
        var option = new Option<string>("--format") { Description = "Signature encoding", DefaultValueFactory = _ => "der" };
        option.AcceptOnlyFromAmong("der", "raw");
        return option;
    }

    private static Option<string> ModeOption()
    {
        var option = new Option<string>("--mode") { Description = "Ciphertext layout", DefaultValueFactory = _ => "c1c3c2" };
        option.AcceptOnlyFromAmong("c1c3c2", "c1c2c3", "asn1");
        return option;
    }

    private static Sm2CipherMode ParseMode(string mode) => mode switch
    {
        "c1c3c2" => Sm2CipherMode.C1C3C2,
        "c1c2c3" => Sm2CipherMode.C1C2C3,
        _ => Sm2CipherMode.Asn1,
    };

    private static byte[] UserId(string id) => System.Text.Encoding.UTF8.GetBytes(id);
}
