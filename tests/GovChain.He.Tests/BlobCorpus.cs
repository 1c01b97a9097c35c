using GovChain.He.Hashing;
using GovChain.He.Keys;
using GovChain.He.Serialization;

namespace GovChain.He.Tests;

/// <summary>Valid SEAL 4.1 blobs of every kind at n = 4096, made once from seeded keys, for negative and fuzz tests.</summary>
internal sealed class BlobCorpus
{
    private static readonly Lazy<BlobCorpus> Shared = new(() => new BlobCorpus());

    private BlobCorpus()
    {
        Context = new HeContext(EncryptionParameters.BfvDefault(4096));
        var seed = new byte[Blake2xbRandom.SeedBytes];
        new Random(99).NextBytes(seed);
        var keygen = new KeyGenerator(Context, new Blake2xbRandom(seed));
        var pk = keygen.CreatePublicKey();
        var encoder = new BatchEncoder(Context);
        var plain = encoder.Encode(Enumerable.Range(0, 100).Select(i => (ulong)i).ToArray());
        var ct = new Encryptor(Context, pk, keygen.SecretKey, new Blake2xbRandom(seed)).Encrypt(plain);
        Ciphertext = ct.Save(ComprMode.None);
        Blobs =
        [
            ("params", Context.Parameters.Save(ComprMode.None)),
            ("params-zlib", Context.Parameters.Save(ComprMode.Zlib)),
            ("ciphertext", Ciphertext),
            ("ciphertext-zstd", ct.Save(ComprMode.Zstd)),
            ("plaintext", plain.Save(ComprMode.None)),
            ("secretkey", keygen.SecretKey.Save(ComprMode.None)),
            ("galoiskeys", keygen.CreateGaloisKeys([1]).Save(ComprMode.None)),
        ];
    }

    public static BlobCorpus Instance => Shared.Value;

    public HeContext Context { get; }

    public byte[] Ciphertext { get; }

    public (string Kind, byte[] Blob)[] Blobs { get; }

    /// <summary>Loads a blob of the given kind; any outcome but success or HeFormatException is a bug.</summary>
    public void Load(string kind, byte[] blob)
    {
        switch (kind)
        {
            case "params" or "params-zlib":
                new HeContext(EncryptionParameters.Load(blob));
                break;
            case "ciphertext" or "ciphertext-zstd":
                He.Ciphertext.Load(Context, blob);
                break;
            case "plaintext":
                Plaintext.Load(Context, blob);
                break;
            case "secretkey":
                SecretKey.Load(Context, blob);
                break;
            default:
                GaloisKeys.Load(Context, blob);
                break;
        }
    }
}
