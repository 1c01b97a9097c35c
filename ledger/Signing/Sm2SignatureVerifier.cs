using System.Collections.Concurrent;
using GovChain.Crypto;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Signing;

/// <summary>
/// Verifies SM2 signatures (raw r‖s, default user id) against 65-byte uncompressed public keys. Parsed keys are
/// cached because a validator set is small and verified against constantly. Malformed keys or signatures verify false.
/// </summary>
public sealed class Sm2SignatureVerifier : ISignatureVerifier
{
    private readonly ConcurrentDictionary<string, Sm2PublicKey?> keys = new();

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
        if (keys.TryGetValue(hex, out var cached))
        {
            return cached;
        }

        Sm2PublicKey? parsed;
        try
        {
            parsed = Sm2PublicKey.FromUncompressed(publicKey);
        }
        catch (CryptoInputException)
        {
            parsed = null;
        }

        // Bounded: a hostile peer could otherwise fill the cache with junk keys.
        if (keys.Count < 1024)
        {
            keys[hex] = parsed;
        }

        return parsed;
    }
}
