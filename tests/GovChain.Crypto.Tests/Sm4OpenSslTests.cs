using System.Security.Cryptography;
using GovChain.TestSupport;

namespace GovChain.Crypto.Tests;

/// <summary>SM4 ECB, CBC and CTR against `openssl enc` on random keys, IVs and lengths (0 to 4 KiB).</summary>
public sealed class Sm4OpenSslTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("sm4-ecb")]
    [InlineData("sm4-cbc")]
    [InlineData("sm4-ctr")]
    public void Openssl_enc_agrees(string cipher)
    {
        foreach (var length in new[] { 0, 1, 15, 16, 17, 100, 1024, 4096 })
        {
            var key = RandomNumberGenerator.GetBytes(16);
            var iv = RandomNumberGenerator.GetBytes(16);
            var data = RandomNumberGenerator.GetBytes(length);
            File.WriteAllBytes(dir.File("in"), data);
            var args = new List<string> { "enc", "-" + cipher, "-K", Convert.ToHexString(key), "-in", dir.File("in"), "-out", dir.File("out") };
            if (cipher != "sm4-ecb")
            {
                args.AddRange(["-iv", Convert.ToHexString(iv)]);
            }

            var r = ProcessRunner.Run("openssl", args);
            Assert.True(r.ExitCode == 0, r.StdErr);
            var expected = File.ReadAllBytes(dir.File("out"));
            var ours = cipher switch
            {
                "sm4-ecb" => Sm4.EncryptEcb(key, data),
                "sm4-cbc" => Sm4.EncryptCbc(key, iv, data),
                _ => Sm4.TransformCtr(key, iv, data),
            };
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(ours));
        }
    }
}
