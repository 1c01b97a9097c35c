using System.Security.Cryptography;
using GovChain.Crypto;

namespace GovChain.Cli.Demo;

/// <summary>A citizen's SM2 key signs a consent; an e-licence is sealed with SM4-GCM under a key wrapped by SM2.</summary>
internal static class GmStage
{
    public static void Run(DemoReport report)
    {
        const string Stage = "GM/T crypto";
        var citizen = Sm2PrivateKey.Generate();
        report.Add(Stage, "sm2 keygen (citizen)", true, "public key " + Hex.Encode(citizen.PublicKey.ToUncompressed())[..20] + "…");

        var consent = "{\"subject\":\"citizen-1\",\"bureau\":\"bureau-1\",\"purpose\":\"loan\",\"categories\":[\"tax\"]}"u8.ToArray();
        var signature = citizen.SignData(consent);
        report.Add(Stage, "sm2 sign consent", true, "DER " + signature.ToDer().Length + " bytes, ZA with ID 1234567812345678");
        report.Add(Stage, "sm2 verify consent", citizen.PublicKey.VerifyData(consent, signature), "signature accepted");
        var tampered = (byte[])consent.Clone();
        tampered[^3] ^= 1;
        report.Add(Stage, "sm2 verify tampered consent", !citizen.PublicKey.VerifyData(tampered, signature), "tampered consent rejected");

        var licence = "Business licence 91350100M000100Y43: GovChain Demo Co., Ltd."u8.ToArray();
        var documentKey = RandomNumberGenerator.GetBytes(Sm4.KeySizeInBytes);
        var nonce = RandomNumberGenerator.GetBytes(Sm4Gcm.NonceSizeInBytes);
        var sealedLicence = Sm4Gcm.Encrypt(documentKey, nonce, licence);
        report.Add(Stage, "sm4-gcm encrypt licence", true, $"{sealedLicence.Length} bytes, SM3 {Hex.Encode(Sm3.HashData(sealedLicence))[..16]}…");
        var wrapped = citizen.PublicKey.Encrypt(documentKey).Encode(Sm2CipherMode.C1C3C2);
        report.Add(Stage, "sm2 encrypt (wrap key)", true, $"C1C3C2 {wrapped.Length} bytes");
        var unwrapped = citizen.Decrypt(Sm2Ciphertext.Decode(wrapped));
        report.Add(Stage, "sm2 decrypt (unwrap key)", unwrapped.AsSpan().SequenceEqual(documentKey), "document key recovered");
        var opened = Sm4Gcm.Decrypt(unwrapped, nonce, sealedLicence);
        report.Add(Stage, "sm4-gcm decrypt licence", opened.AsSpan().SequenceEqual(licence), System.Text.Encoding.UTF8.GetString(opened));
    }
}
