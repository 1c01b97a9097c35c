using System.CommandLine;
using System.Security.Cryptography;
using GovChain.Crypto;
using Spectre.Console;

namespace GovChain.Cli.Commands;

/// <summary>
/// The main job. Until the full network scenario lands, it walks through the GM suite a disclosure relies on: an SM2 key
/// pair, a signed consent, its verification (and a tampered copy's rejection), an SM2-wrapped SM4-GCM document key.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the GovChain walk-through on embedded defaults");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        var table = new Table().AddColumn("step").AddColumn("result");
        var ok = true;

        void Step(string name, bool passed, string detail)
        {
            ok &= passed;
            table.AddRow(Markup.Escape(name), (passed ? "[green]ok[/] " : "[red]FAILED[/] ") + Markup.Escape(detail));
        }

        var citizen = Sm2PrivateKey.Generate();
        Step("sm2 keygen (citizen)", true, "public key " + Hex.Encode(citizen.PublicKey.ToUncompressed())[..20] + "…");

        var consent = "{\"subject\":\"citizen-1\",\"bureau\":\"bureau-1\",\"purpose\":\"loan\",\"categories\":[\"tax\"]}"u8.ToArray();
        var signature = citizen.SignData(consent);
        Step("sm2 sign consent", true, "DER " + signature.ToDer().Length + " bytes, ZA with ID 1234567812345678");
        Step("sm2 verify consent", citizen.PublicKey.VerifyData(consent, signature), "signature accepted");
        var tampered = (byte[])consent.Clone();
        tampered[^3] ^= 1;
        Step("sm2 verify tampered consent", !citizen.PublicKey.VerifyData(tampered, signature), "tampered consent rejected");

        var licence = "Business licence 91350100M000100Y43: GovChain Demo Co., Ltd."u8.ToArray();
        var documentKey = RandomNumberGenerator.GetBytes(Sm4.KeySizeInBytes);
        var nonce = RandomNumberGenerator.GetBytes(Sm4Gcm.NonceSizeInBytes);
        var sealedLicence = Sm4Gcm.Encrypt(documentKey, nonce, licence);
        Step("sm4-gcm encrypt licence", true, $"{sealedLicence.Length} bytes, SM3 {Hex.Encode(Sm3.HashData(sealedLicence))[..16]}…");

        var wrapped = citizen.PublicKey.Encrypt(documentKey).Encode(Sm2CipherMode.C1C3C2);
        Step("sm2 encrypt (wrap key)", true, $"C1C3C2 {wrapped.Length} bytes");
        var unwrapped = citizen.Decrypt(Sm2Ciphertext.Decode(wrapped));
        Step("sm2 decrypt (unwrap key)", unwrapped.AsSpan().SequenceEqual(documentKey), "document key recovered");
        var opened = Sm4Gcm.Decrypt(unwrapped, nonce, sealedLicence);
        Step("sm4-gcm decrypt licence", opened.AsSpan().SequenceEqual(licence), System.Text.Encoding.UTF8.GetString(opened));

        AnsiConsole.Write(new Rule("[bold]GovChain walk-through: GM/T crypto[/]"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(ok ? "[green]all steps passed[/]" : "[red]a step failed[/]");
        return ok ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
