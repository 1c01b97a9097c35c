using System.Security.Cryptography;
using GovChain.Crypto;

namespace GovChain.Bench;

/// <summary>
/// `govchain bench crypto`: our SM2/SM3/SM4 against `openssl speed` on this machine, in the same run, single-threaded on
/// both sides. Bulk figures use 16 KiB buffers.
/// </summary>
public static class CryptoComparison
{
    public const int BulkBytes = 16 * 1024;

    public static IEnumerable<BenchLine> Run(int seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var key = Sm2PrivateKey.Generate();
        var message = RandomNumberGenerator.GetBytes(32);
        var signature = key.SignData(message);
        var (sslSign, sslVerify) = OpenSslSpeed.Sm2(seconds);
        yield return new BenchLine("sm2-sign", Throughput.OpsPerSecond(() => key.SignData(message), duration), sslSign, "openssl", "ops/s");
        yield return new BenchLine("sm2-verify", Throughput.OpsPerSecond(() => key.PublicKey.VerifyData(message, signature), duration), sslVerify, "openssl", "ops/s");

        var bulk = RandomNumberGenerator.GetBytes(BulkBytes);
        var k = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        yield return Bulk("sm3", () => Sm3.HashData(bulk), OpenSslSpeed.Evp("sm3", BulkBytes, seconds), duration);
        yield return Bulk("sm4-cbc", () => Sm4.EncryptCbc(k, iv, bulk), OpenSslSpeed.Evp("sm4-cbc", BulkBytes, seconds), duration);
        var sslCtr = OpenSslSpeed.Evp("sm4-ctr", BulkBytes, seconds);
        yield return Bulk("sm4-ctr", () => Sm4.TransformCtr(k, iv, bulk), sslCtr, duration);
        // This OpenSSL has no SM4-GCM, so GCM is held against its CTR (the yardstick).
        yield return Bulk("sm4-gcm-vs-ctr", () => Sm4Gcm.Encrypt(k, nonce, bulk), sslCtr, duration);
    }

    private static BenchLine Bulk(string name, Action operation, double peerBytesPerSecond, TimeSpan duration) =>
        new(name, Throughput.OpsPerSecond(operation, duration) * BulkBytes / 1e6, peerBytesPerSecond / 1e6, "openssl", "MB/s");
}
