using System.Collections.Concurrent;
using GovChain.Crypto;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Signing;

/// <summary>
/// Verifies SM2 signatures (raw r‖s, default user id) against 65-byte uncompressed public keys. Parsed keys are
/// cached with their verification tables (building those costs about as much as a verification): validators,
/// agencies and active citizens sign again and again. Malformed keys or signatures verify false.
/// </summary>
public sealed class Sm2SignatureVerifier : ISignatureVerifier
{
    /// <summary>Keys per generation; two generations of about 2.5 KiB each bound the cache near 80 MiB.</summary>
    private const int GenerationSize = 16_384;

    // Two generations approximate least-recently-used eviction without a lock: a full current generation becomes the
    // previous one (the old previous is dropped), and a key found only in the previous one moves back to the current.
    private readonly Lock rotation = new();
    private ConcurrentDictionary<string, Sm2PublicKey?> current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Sm2PublicKey?> previous = new(StringComparer.Ordinal);

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Sm2Signature.RawSizeInBytes || Parse(publicKey) is not { } key)
        {
            return false;
        }

        try
        {
            return key.VerifyData(message, Sm2Signature.FromRaw(signature));
        }
        catch (CryptoInputException)
        {
            return false;
        }
    }

    private Sm2PublicKey? Parse(ReadOnlySpan<byte> publicKey)
    {
        var hex = Convert.ToHexString(publicKey);
        var generation = Volatile.Read(ref current);
        if (generation.TryGetValue(hex, out var cached))
        {
            return cached;
        }

        if (!Volatile.Read(ref previous).TryGetValue(hex, out var parsed))
        {
            try
            {
                parsed = Sm2PublicKey.FromUncompressed(publicKey);
            }
            catch (CryptoInputException)
            {
                parsed = null;
            }
        }

        if (generation.Count >= GenerationSize)
        {
            lock (rotation)
            {
                if (ReferenceEquals(generation, current))
                {
                    previous = current;
                    current = new ConcurrentDictionary<string, Sm2PublicKey?>(StringComparer.Ordinal);
                }

                generation = current;
            }
        }

        generation[hex] = parsed;
        return parsed;
    }
}
