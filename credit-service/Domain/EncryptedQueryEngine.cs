using GovChain.He;
using GovChain.He.Serialization;
using GovChain.CreditService.Observability;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Evaluates a bureau's encrypted weights against a subject's scaled features with <see cref="HomomorphicScorer"/>:
/// slot 0 of the result is Σ wᵢ·xᵢ mod t, every other slot is masked and the noise is flooded.
/// </summary>
public sealed class EncryptedQueryEngine
{
    private readonly SealKeyRegistry keys;

    public EncryptedQueryEngine(SealKeyRegistry keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        this.keys = keys;
    }

    public SealKeyRegistry Keys => keys;

    /// <exception cref="ResourceNotFoundException">The key id was never registered.</exception>
    /// <exception cref="MalformedInputException">The weights are not a fresh ciphertext under these parameters.</exception>
    public EncryptedScore Evaluate(Hash32 keyId, ReadOnlySpan<byte> encryptedWeights, IReadOnlyList<ulong> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var set = keys.Get(keyId);
        using var span = ServiceTelemetry.Source.StartActivity("he.score");
        span?.SetTag("govchain.he.n", set.Context.N);
        span?.SetTag("govchain.he.features", features.Count);
        if (features.Count > set.Context.N)
        {
            throw new MalformedInputException("model_id", $"{features.Count} features do not fit in {set.Context.N} slots");
        }

        var weights = LoadWeights(set.Context, encryptedWeights);
        var t = set.Context.PlainModulus.Value;
        var reduced = features.Select(x => x % t).ToArray();
        var result = new HomomorphicScorer(set.Context, set.GaloisKeys, set.PublicKey).Score(weights, reduced).Save(ComprMode.Zstd);
        return new EncryptedScore(result, Hash32.Compute(encryptedWeights), Hash32.Compute(result));
    }

    private static Ciphertext LoadWeights(HeContext context, ReadOnlySpan<byte> blob)
    {
        if (blob.IsEmpty)
        {
            throw new MalformedInputException("encrypted_weights", "is empty");
        }

        Ciphertext weights;
        try
        {
            weights = Ciphertext.Load(context, blob);
        }
        catch (HeFormatException ex)
        {
            throw new MalformedInputException("encrypted_weights", ex.Message, ex);
        }

        return weights.Size == 2
            ? weights
            : throw new MalformedInputException("encrypted_weights", $"a fresh ciphertext has 2 polynomials, this one has {weights.Size}");
    }
}
