using System.Numerics;
using GovChain.He;
using GovChain.He.Keys;
using GovChain.He.Serialization;

namespace GovChain.CreditService.Client;

/// <summary>
/// A bureau's side of encrypted scoring: its BFV keys (the secret key stays with the bureau), the SEAL blobs it
/// uploads once with Queries/RegisterKeys (Galois keys for every power-of-two rotation, for the slot sum), the
/// encryption of its model weights for each query, and the decryption of slot 0 of a returned score.
/// </summary>
public sealed class BureauScoringKeys
{
    private readonly SecretKey secretKey;
    private readonly PublicKey publicKey;

    private BureauScoringKeys(HeContext context, SecretKey secretKey, PublicKey publicKey, byte[] parametersBlob, byte[] galoisKeysBlob)
    {
        Context = context;
        this.secretKey = secretKey;
        this.publicKey = publicKey;
        ParametersBlob = parametersBlob;
        PublicKeyBlob = publicKey.Save();
        GaloisKeysBlob = galoisKeysBlob;
    }

    public HeContext Context { get; }

    public byte[] ParametersBlob { get; }

    public byte[] PublicKeyBlob { get; }

    public byte[] GaloisKeysBlob { get; }

    public ulong PlainModulus => Context.PlainModulus.Value;

    /// <summary>Fresh keys for <paramref name="parameters"/>.</summary>
    public static BureauScoringKeys Generate(EncryptionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var context = new HeContext(parameters);
        var generator = new KeyGenerator(context);
        var steps = new List<int> { 0 };
        for (var step = 1; step < context.N / 2; step <<= 1)
        {
            steps.Add(step);
        }

        return new BureauScoringKeys(context, generator.SecretKey, generator.CreatePublicKey(), parameters.Save(), generator.CreateGaloisKeys(steps).Save(ComprMode.Zstd));
    }

    /// <summary>Keys saved earlier with <see cref="SaveSecretKey"/> and the three public blobs (SEAL 4.1 format).</summary>
    public static BureauScoringKeys Load(byte[] parametersBlob, byte[] secretKeyBlob, byte[] publicKeyBlob, byte[] galoisKeysBlob)
    {
        var context = new HeContext(EncryptionParameters.Load(parametersBlob));
        _ = GaloisKeys.Load(context, galoisKeysBlob);
        return new BureauScoringKeys(context, SecretKey.Load(context, secretKeyBlob), PublicKey.Load(context, publicKeyBlob), parametersBlob, galoisKeysBlob);
    }

    /// <summary>The secret key in SEAL format, for the bureau's own key file (never sent anywhere).</summary>
    public byte[] SaveSecretKey() => secretKey.Save(ComprMode.Zstd);

    public byte[] EncryptWeights(IReadOnlyList<ulong> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new Encryptor(Context, publicKey).Encrypt(new BatchEncoder(Context).Encode([.. weights])).Save();
    }

    public ulong DecryptScore(byte[] encryptedScore) =>
        new BatchEncoder(Context).Decode(new Decryptor(Context, secretKey).Decrypt(Ciphertext.Load(Context, encryptedScore)))[0];

    /// <summary>Σ wᵢ·xᵢ mod t computed in the clear: what a decrypted score must equal.</summary>
    public ulong PlainScore(IReadOnlyList<ulong> weights, IReadOnlyList<ulong> features)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(features);
        return (ulong)(weights.Zip(features, (w, x) => new BigInteger(w) * x).Aggregate(BigInteger.Zero, (a, b) => a + b) % PlainModulus);
    }
}
