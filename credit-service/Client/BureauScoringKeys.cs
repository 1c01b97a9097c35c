using System.Numerics;
using GovChain.He;
using GovChain.He.Keys;
using GovChain.He.Serialization;

namespace GovChain.CreditService.Client;

/// <summary>
/// A bureau's side of encrypted scoring: its BFV keys (the secret key never leaves this object), the SEAL blobs it
/// uploads once with Queries/RegisterKeys (Galois keys for every power-of-two rotation, for the slot sum), the
/// encryption of its model weights for each query, and the decryption of slot 0 of a returned score.
/// </summary>
public sealed class BureauScoringKeys
{
    private readonly KeyGenerator generator;
    private readonly PublicKey publicKey;

    public BureauScoringKeys(EncryptionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Context = new HeContext(parameters);
        generator = new KeyGenerator(Context);
        publicKey = generator.CreatePublicKey();
        var steps = new List<int> { 0 };
        for (var step = 1; step < Context.N / 2; step <<= 1)
        {
            steps.Add(step);
        }

        ParametersBlob = parameters.Save();
        PublicKeyBlob = publicKey.Save();
        GaloisKeysBlob = generator.CreateGaloisKeys(steps).Save(ComprMode.Zstd);
    }

    public HeContext Context { get; }

    public byte[] ParametersBlob { get; }

    public byte[] PublicKeyBlob { get; }

    public byte[] GaloisKeysBlob { get; }

    public ulong PlainModulus => Context.PlainModulus.Value;

    public byte[] EncryptWeights(IReadOnlyList<ulong> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new Encryptor(Context, publicKey).Encrypt(new BatchEncoder(Context).Encode([.. weights])).Save();
    }

    public ulong DecryptScore(byte[] encryptedScore) =>
        new BatchEncoder(Context).Decode(new Decryptor(Context, generator.SecretKey).Decrypt(Ciphertext.Load(Context, encryptedScore)))[0];

    /// <summary>Σ wᵢ·xᵢ mod t computed in the clear: what a decrypted score must equal.</summary>
    public ulong PlainScore(IReadOnlyList<ulong> weights, IReadOnlyList<ulong> features)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(features);
        return (ulong)(weights.Zip(features, (w, x) => new BigInteger(w) * x).Aggregate(BigInteger.Zero, (a, b) => a + b) % PlainModulus);
    }
}
