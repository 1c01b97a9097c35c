namespace GovChain.Crypto;

/// <summary>One (key, message, signature) triple for <see cref="Sm2BatchVerifier"/>; an empty user ID means the default.</summary>
public readonly record struct Sm2VerificationItem(Sm2PublicKey Key, ReadOnlyMemory<byte> Message, Sm2Signature Signature, ReadOnlyMemory<byte> UserId = default);

/// <summary>
/// Verifies many SM2 signatures, one by one but spread across cores; the ledger checks votes and transactions this way.
/// Each key's precomputed tables are built once and shared by every signature under it.
/// </summary>
public static class Sm2BatchVerifier
{
    /// <summary>The verdict for each item, in order.</summary>
    public static bool[] VerifyEach(IReadOnlyList<Sm2VerificationItem> items, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(items);
        var results = new bool[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, items.Count, options, i =>
        {
            var item = items[i];
            results[i] = item.Key.VerifyData(item.Message.Span, item.Signature, item.UserId.Span);
        });
        return results;
    }

    /// <summary>True only if every signature verifies.</summary>
    public static bool VerifyAll(IReadOnlyList<Sm2VerificationItem> items, int maxDegreeOfParallelism = -1) =>
        Array.TrueForAll(VerifyEach(items, maxDegreeOfParallelism), valid => valid);
}
