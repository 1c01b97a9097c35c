using System.Security.Cryptography;
using GovChain.TestSupport;

namespace GovChain.Crypto.Tests;

/// <summary>The Debian openssl 3 binary as the judge: it verifies our signatures, we verify its, and it reads our keys.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private const int Cases = 50;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Openssl_verifies_our_signatures()
    {
        var key = Sm2PrivateKey.Generate();
        var pub = dir.File("pub.pem");
        File.WriteAllText(pub, key.PublicKey.ExportPem());
        for (var i = 0; i < Cases; i++)
        {
            var message = RandomNumberGenerator.GetBytes(1 + RandomNumberGenerator.GetInt32(300));
            var id = i % 2 == 0 ? "1234567812345678" : "alice@example.gov.cn";
            File.WriteAllBytes(dir.File("msg"), message);
            File.WriteAllBytes(dir.File("sig"), key.SignData(message, System.Text.Encoding.ASCII.GetBytes(id)).ToDer());
            var r = OpenSsl("pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:" + id, "-in", dir.File("msg"), "-sigfile", dir.File("sig"));
            Assert.True(r.ExitCode == 0, $"case {i}: openssl rejected our signature: {r.StdOut}{r.StdErr}");
        }

        // And the judge can fail: a signature over another message is refused.
        File.WriteAllBytes(dir.File("msg"), "other"u8.ToArray());
        var bad = OpenSsl("pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in", dir.File("msg"), "-sigfile", dir.File("sig"));
        Assert.NotEqual(0, bad.ExitCode);
    }

    [Fact]
    public void We_verify_openssl_signatures_and_read_its_keys()
    {
        var keyPath = dir.File("key.pem");
        Assert.Equal(0, OpenSsl("genpkey", "-algorithm", "SM2", "-out", keyPath).ExitCode);
        var key = Sm2PrivateKey.FromPem(File.ReadAllText(keyPath));
        var pubPath = dir.File("pub.pem");
        Assert.Equal(0, OpenSsl("pkey", "-in", keyPath, "-pubout", "-out", pubPath).ExitCode);
        Assert.Equal(key.PublicKey, Sm2PublicKey.FromPem(File.ReadAllText(pubPath)));

        for (var i = 0; i < Cases; i++)
        {
            var message = RandomNumberGenerator.GetBytes(1 + RandomNumberGenerator.GetInt32(300));
            File.WriteAllBytes(dir.File("msg"), message);
            var r = OpenSsl("pkeyutl", "-sign", "-inkey", keyPath, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in", dir.File("msg"), "-out", dir.File("sig"));
            Assert.Equal(0, r.ExitCode);
            var signature = Sm2Signature.FromDer(File.ReadAllBytes(dir.File("sig")));
            Assert.True(key.PublicKey.VerifyData(message, signature), $"case {i}: openssl signature rejected");
            Assert.False(key.PublicKey.VerifyData([.. message, 0], signature));
        }
    }

    [Fact]
    public void Openssl_reads_our_pkcs8_private_key()
    {
        var key = Sm2PrivateKey.Generate();
        var keyPath = dir.File("ours.pem");
        File.WriteAllText(keyPath, key.ExportPem());
        var r = OpenSsl("pkey", "-in", keyPath, "-pubout");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(key.PublicKey, Sm2PublicKey.FromPem(r.StdOut));
    }

    private static ProcessResult OpenSsl(params string[] args) => ProcessRunner.Run("openssl", args);
}
