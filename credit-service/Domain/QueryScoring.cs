using System.Buffers.Binary;
using System.Numerics;
using GovChain.CreditService.Observability;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// How a query turns the subject's scaled features into the answer the bureau gets back: the key id and input hash
/// that identify the request, and the answer bytes with their hash (what the ledger's query record carries).
/// </summary>
public abstract class QueryScoring
{
    public abstract Hash32 KeyId { get; }

    public abstract Hash32 InputHash { get; }

    public abstract EncryptedScore Score(IReadOnlyList<ulong> features);
}

/// <summary>The product path: the bureau's BFV-encrypted weights, scored on ciphertext and re-randomized.</summary>
public sealed class EncryptedScoring(EncryptedQueryEngine engine, Hash32 keyId, byte[] encryptedWeights) : QueryScoring
{
    public override Hash32 KeyId => keyId;

    public override Hash32 InputHash { get; } = Hash32.Compute(encryptedWeights);

    public override EncryptedScore Score(IReadOnlyList<ulong> features) => engine.Evaluate(keyId, encryptedWeights, features);
}

/// <summary>
/// The benchmark's baseline (`govchain bench service`): the same query path with the weights and the score in the
/// clear, so that the cost of privacy shows as a ratio. Nodes refuse it unless their config enables it.
/// </summary>
public sealed class PlaintextScoring(IReadOnlyList<ulong> weights) : QueryScoring
{
    private readonly ulong[] weights = [.. weights];

    public override Hash32 KeyId => Hash32.Zero;

    public override Hash32 InputHash => Hash32.Compute(Encode(weights));

    public override EncryptedScore Score(IReadOnlyList<ulong> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var span = ServiceTelemetry.Source.StartActivity("plaintext.score");
        if (weights.Length != features.Count)
        {
            throw new MalformedInputException("weights", $"the model has {features.Count} features, the request {weights.Length} weights");
        }

        var score = BigInteger.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            score += new BigInteger(weights[i]) * features[i];
        }

        var answer = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(answer, (ulong)(score % (BigInteger.One << 64)));
        return new EncryptedScore(answer, InputHash, Hash32.Compute(answer));
    }

    private static byte[] Encode(ulong[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return bytes;
    }
}
