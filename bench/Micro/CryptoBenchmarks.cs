using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using GovChain.Crypto;

namespace GovChain.Bench.Micro;

/// <summary>BenchmarkDotNet micro-benchmarks of the GM primitives (`govchain bench micro --filter '*Sm*'`).</summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private readonly Sm2PrivateKey key = Sm2PrivateKey.Generate();
    private readonly byte[] message = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] bulk = RandomNumberGenerator.GetBytes(CryptoComparison.BulkBytes);
    private readonly byte[] sm4Key = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] iv = RandomNumberGenerator.GetBytes(16);
    private Sm2Signature signature = null!;

    [GlobalSetup]
    public void Setup() => signature = key.SignData(message);

    [Benchmark]
    public Sm2Signature Sm2Sign() => key.SignData(message);

    [Benchmark]
    public bool Sm2Verify() => key.PublicKey.VerifyData(message, signature);

    [Benchmark]
    public byte[] Sm3_16KiB() => Sm3.HashData(bulk);

    [Benchmark]
    public byte[] Sm4Cbc_16KiB() => Sm4.EncryptCbc(sm4Key, iv, bulk);

    [Benchmark]
    public byte[] Sm4Ctr_16KiB() => Sm4.TransformCtr(sm4Key, iv, bulk);
}
