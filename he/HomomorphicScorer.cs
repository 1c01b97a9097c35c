using System.Numerics;
using GovChain.He.Hashing;
using GovChain.He.Keys;

namespace GovChain.He;

/// <summary>
/// Scores a subject on encrypted model weights: slot 0 of the result is Σ w_i·x_i mod t, and nothing else leaks.
/// Two steps hide the rest: every other slot gets an independent uniform mask, and (given the bureau's public key)
/// a fresh encryption of zero carrying wide uniform noise floods the noise term, so it no longer depends on the features.
/// </summary>
public sealed class HomomorphicScorer
{
    /// <summary>The flood stays 2^10 below the decryption threshold Q/(2t), leaving the bureau a safe margin.</summary>
    public const int FloodMarginBits = 10;

    /// <summary>Required gap, in bits, between the flood and the worst-case noise it hides (statistical hiding).</summary>
    public const int StatisticalGapBits = 40;

    private readonly HeContext context;
    private readonly GaloisKeys galoisKeys;
    private readonly Encryptor? encryptor;
    private readonly Blake2xbRandom random;
    private readonly Evaluator evaluator;
    private readonly BatchEncoder encoder;

    public HomomorphicScorer(HeContext context, GaloisKeys galoisKeys, PublicKey? publicKey, Blake2xbRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(galoisKeys);
        this.context = context;
        this.galoisKeys = galoisKeys;
        this.random = random ?? Blake2xbRandom.CreateRandom();
        encryptor = publicKey is null ? null : new Encryptor(context, publicKey, null, new Blake2xbRandom(this.random.NextSeed()));
        if (publicKey is not null && FloodBound.GetBitLength() - NoiseEstimateBits < StatisticalGapBits + BitLength(context.N))
        {
            throw new HeFormatException(
                $"n = {context.N} with {context.DataLevel.BitCount}-bit Q leaves no room to flood the scoring noise; use n ≥ 8192");
        }
        evaluator = new Evaluator(context);
        encoder = new BatchEncoder(context);
    }

    /// <summary>Half-width of the flooding noise: Q / (t · 2^FloodMarginBits).</summary>
    public BigInteger FloodBound => context.DataLevel.Product / context.PlainModulus.Value >> FloodMarginBits;

    /// <summary>
    /// A conservative bound (bits) on the noise after multiply_plain and the slot sum: fresh noise (≈ log2 n + 8 bits)
    /// grows by n·t/2 under a plaintext product, plus a few bits for the rotations.
    /// </summary>
    private long NoiseEstimateBits => (2 * BitLength(context.N)) + context.PlainModulus.BitCount + 12;

    private static int BitLength(int n) => BitOperations.Log2((uint)n) + 1;

    /// <summary>The encrypted inner product of the weights (slots 0..k−1 of <paramref name="encryptedWeights"/>) with the features.</summary>
    public Ciphertext Score(Ciphertext encryptedWeights, ReadOnlySpan<ulong> features)
    {
        var product = evaluator.MultiplyPlain(encryptedWeights, encoder.Encode(features));
        var sum = evaluator.SumSlots(product, galoisKeys);
        return Rerandomize(sum);
    }

    /// <summary>Masks slots 1..n−1 with uniform values and, when a public key is known, floods the noise.</summary>
    public Ciphertext Rerandomize(Ciphertext encrypted)
    {
        var t = context.PlainModulus.Value;
        var mask = new ulong[context.N];
        var limit = ulong.MaxValue - (ulong.MaxValue % t);
        for (var i = 1; i < mask.Length; i++)
        {
            ulong r;
            do
            {
                r = random.NextUInt64();
            }
            while (r >= limit);
            mask[i] = r % t;
        }

        var result = evaluator.AddPlain(encrypted, encoder.Encode(mask));
        if (encryptor is null)
        {
            return result;
        }

        var zero = encryptor.EncryptZero();
        Sampler.AddFlooding(random, context.DataLevel, zero.Poly(0), FloodBound);
        return evaluator.Add(result, zero);
    }
}
