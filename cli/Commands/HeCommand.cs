using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using GovChain.He;
using GovChain.He.Keys;
using GovChain.He.Serialization;

namespace GovChain.Cli.Commands;

/// <summary>`govchain he encrypt|decrypt|dot`: BFV on SEAL 4.1 binary files (none, zlib or zstd on input).</summary>
internal static class HeCommand
{
    public static Command Create()
    {
        var command = new Command("he", "BFV homomorphic encryption, wire-compatible with Microsoft SEAL 4.1");
        command.Subcommands.Add(Encrypt());
        command.Subcommands.Add(Decrypt());
        command.Subcommands.Add(Dot());
        return command;
    }

    private static Option<FileInfo> ParamsOption() => new("--params") { Description = "SEAL EncryptionParameters file", Required = true };

    private static Command Encrypt()
    {
        var parameters = ParamsOption();
        var publicKey = new Option<FileInfo>("--public-key") { Description = "SEAL PublicKey file", Required = true };
        var values = new Option<FileInfo>("--values") { Description = "JSON array of up to n integers (reduced mod t)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "where to write the SEAL Ciphertext", Required = true };
        var command = new Command("encrypt", "Batch-encode and encrypt values under a public key") { parameters, publicKey, values, output };
        command.SetAction(parse =>
        {
            var context = LoadContext(parse.GetRequiredValue(parameters));
            var pk = Load(() => PublicKey.Load(context, CliFiles.ReadBytes(parse.GetRequiredValue(publicKey))));
            var plain = new BatchEncoder(context).Encode(ReadIntegers(parse.GetRequiredValue(values), context));
            var ct = new Encryptor(context, pk).Encrypt(plain);
            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, ct.Save(ComprMode.None));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decrypt()
    {
        var parameters = ParamsOption();
        var secretKey = new Option<FileInfo>("--secret-key") { Description = "SEAL SecretKey file", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "SEAL Ciphertext file", Required = true };
        var command = new Command("decrypt", "Decrypt and print the JSON array of all n slots") { parameters, secretKey, input };
        command.SetAction(parse =>
        {
            var context = LoadContext(parse.GetRequiredValue(parameters));
            var sk = Load(() => SecretKey.Load(context, CliFiles.ReadBytes(parse.GetRequiredValue(secretKey))));
            var ct = Load(() => Ciphertext.Load(context, CliFiles.ReadBytes(parse.GetRequiredValue(input))));
            var slots = new BatchEncoder(context).Decode(new Decryptor(context, sk).Decrypt(ct));
            Console.Out.WriteLine("[" + string.Join(",", slots.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Dot()
    {
        var parameters = ParamsOption();
        var galoisKeys = new Option<FileInfo>("--galois-keys") { Description = "SEAL GaloisKeys with the column swap and power-of-two row steps", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "SEAL Ciphertext file", Required = true };
        var weights = new Option<FileInfo>("--weights") { Description = "JSON array of integer weights W[i]", Required = true };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "optional SEAL PublicKey: also flood the noise" };
        var output = new Option<FileInfo>("--out") { Description = "where to write the result Ciphertext", Required = true };
        var command = new Command("dot", "Slot 0 of the result = Σ slot_i(CT)·W[i] mod t; other slots are masked uniformly")
        {
            parameters, galoisKeys, input, weights, publicKey, output,
        };
        command.SetAction(parse =>
        {
            var context = LoadContext(parse.GetRequiredValue(parameters));
            var gk = Load(() => GaloisKeys.Load(context, CliFiles.ReadBytes(parse.GetRequiredValue(galoisKeys))));
            var ct = Load(() => Ciphertext.Load(context, CliFiles.ReadBytes(parse.GetRequiredValue(input))));
            var pkFile = parse.GetValue(publicKey);
            var pk = pkFile is null ? null : Load(() => PublicKey.Load(context, CliFiles.ReadBytes(pkFile)));
            var w = ReadIntegers(parse.GetRequiredValue(weights), context);
            var scorer = Load(() => new HomomorphicScorer(context, gk, pk));
            Ciphertext result;
            try
            {
                result = scorer.Score(ct, w);
            }
            catch (ArgumentException e)
            {
                throw new CliInputException("galois keys do not cover the slot sum: " + e.Message);
            }

            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, result.Save(ComprMode.None));
            return ExitCodes.Success;
        });
        return command;
    }

    private static HeContext LoadContext(FileInfo file) => Load(() => new HeContext(EncryptionParameters.Load(CliFiles.ReadBytes(file))));

    private static T Load<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (HeFormatException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    /// <summary>A JSON array of integers (numbers or decimal strings, any sign), reduced into [0, t).</summary>
    internal static ulong[] ReadIntegers(FileInfo file, HeContext context)
    {
        var t = new BigInteger(context.PlainModulus.Value);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(Encoding.UTF8.GetString(CliFiles.ReadBytes(file))).RootElement;
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{file.Name}: not JSON ({e.Message})");
        }

        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() > context.N)
        {
            throw new CliInputException($"{file.Name}: expected a JSON array of at most {context.N} integers");
        }

        return root.EnumerateArray().Select((e, i) =>
        {
            var text = e.ValueKind switch
            {
                JsonValueKind.Number => e.GetRawText(),
                JsonValueKind.String => e.GetString()!,
                _ => throw new CliInputException($"{file.Name}: element {i} is not an integer"),
            };
            if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                throw new CliInputException($"{file.Name}: element {i} ({text}) is not an integer");
            }

            var r = v % t;
            return (ulong)(r < 0 ? r + t : r);
        }).ToArray();
    }
}
