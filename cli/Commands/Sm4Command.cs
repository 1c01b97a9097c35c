using System.CommandLine;
using GovChain.Crypto;

namespace GovChain.Cli.Commands;

internal static class Sm4Command
{
    public static Command Create()
    {
        var command = new Command("sm4", "SM4 (GB/T 32907) in ECB, CBC (PKCS#7), CTR and GCM (tag appended)");
        command.Subcommands.Add(Build("encrypt", encrypt: true));
        command.Subcommands.Add(Build("decrypt", encrypt: false));
        return command;
    }

    private static Command Build(string name, bool encrypt)
    {
        var key = new Option<string>("--key") { Description = "16-byte key in hex", Required = true };
        var iv = new Option<string?>("--iv") { Description = "IV (CBC), initial counter block (CTR) or nonce (GCM), in hex" };
        var mode = new Option<string>("--mode") { Description = "Block cipher mode", Required = true };
        mode.AcceptOnlyFromAmong("ecb", "cbc", "ctr", "gcm");
        var aad = new Option<string?>("--aad") { Description = "Additional authenticated data for GCM, in hex" };
        var input = new Option<FileInfo>("--in") { Description = "Input file", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output file", Required = true };
        var command = new Command(name, encrypt ? "Encrypt a file" : "Decrypt a file") { key, iv, mode, aad, input, output };
        command.SetAction(parse =>
        {
            var k = Hex.Decode(parse.GetRequiredValue(key), "--key");
            var m = parse.GetRequiredValue(mode);
            var ivText = parse.GetValue(iv);
            if (m == "ecb" && ivText is not null)
            {
                throw new CliInputException("--iv makes no sense with --mode ecb");
            }

            if (m != "ecb" && ivText is null)
            {
                throw new CliInputException($"--mode {m} needs --iv");
            }

            var aadText = parse.GetValue(aad);
            if (aadText is not null && m != "gcm")
            {
                throw new CliInputException("--aad applies only to --mode gcm");
            }

            var ivBytes = ivText is null ? [] : Hex.Decode(ivText, "--iv");
            var aadBytes = aadText is null ? [] : Hex.Decode(aadText, "--aad");
            var data = CliFiles.ReadBytes(parse.GetRequiredValue(input));
            var result = (m, encrypt) switch
            {
                ("ecb", true) => Sm4.EncryptEcb(k, data),
                ("ecb", false) => Sm4.DecryptEcb(k, data),
                ("cbc", true) => Sm4.EncryptCbc(k, ivBytes, data),
                ("cbc", false) => Sm4.DecryptCbc(k, ivBytes, data),
                ("ctr", _) => Sm4.TransformCtr(k, ivBytes, data),
                (_, true) => Sm4Gcm.Encrypt(k, ivBytes, data, aadBytes),
                (_, false) => Sm4Gcm.Decrypt(k, ivBytes, data, aadBytes),
            };
            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, result);
            return ExitCodes.Success;
        });
        return command;
    }
}
