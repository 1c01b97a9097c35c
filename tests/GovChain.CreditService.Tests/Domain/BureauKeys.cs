using System.Numerics;
using GovChain.He;
using GovChain.He.Keys;
using GovChain.He.Serialization;

namespace GovChain.CreditService.Tests.Domain;

/// <summary>
/// A bureau's side of encrypted scoring, built with he/ directly: BFV n = 8192 keys (generated once per test class),
/// the serialized blobs it uploads, and the decryption of a returned score.
/// </summary>
public sealed class BureauKeys
{
    public BureauKeys()
        : this(EncryptionParameters.BfvDefault(8192))
    {
    }

    private BureauKeys(EncryptionParameters parameters)
    {
        Context = new HeContext(parameters);
        Generator = new KeyGenerator(Context);
        PublicKey = Generator.CreatePublicKey();
        var steps = new List<int> { 0 };
        for (var step = 1; step < Context.N / 2; step <<= 1)
        {
            steps.Add(step);
        }

        ParametersBlob = parameters.Save();
        PublicKeyBlob = PublicKey.Save();
        GaloisKeysBlob = Generator.CreateGaloisKeys(steps).Save(ComprMode.Zstd);
    }

    public static BureauKeys For(EncryptionParameters parameters) => new(parameters);

    public HeContext Context { get; }

    public KeyGenerator Generator { get; }

    public PublicKey PublicKey { get; }

    public byte[] ParametersBlob { get; }

    public byte[] PublicKeyBlob { get; }

    public byte[] GaloisKeysBlob { get; }

    public ulong PlainModulus => Context.PlainModulus.Value;

    public byte[] EncryptWeights(IReadOnlyList<ulong> weights) =>
        new Encryptor(Context, PublicKey).Encrypt(new BatchEncoder(Context).Encode(weights.ToArray())).Save();

    public ulong DecryptScore(byte[] encryptedScore) =>
        new BatchEncoder(Context).Decode(new Decryptor(Context, Generator.SecretKey).Decrypt(Ciphertext.Load(Context, encryptedScore)))[0];

    /// <summary>Σ wᵢ·xᵢ mod t in the clear, the independent truth for a decrypted score.</summary>
    public ulong PlainScore(IReadOnlyList<ulong> weights, IReadOnlyList<ulong> features) =>
        (ulong)(weights.Zip(features, (w, x) => new BigInteger(w) * x).Aggregate(BigInteger.Zero, (a, b) => a + b) % PlainModulus);
}
