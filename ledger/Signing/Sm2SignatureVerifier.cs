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

    private readonly GenerationalCache<string, Sm2PublicKey?> keys = new(GenerationSize, StringComparer.Ordinal);

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
        if (keys.TryGet(hex, out var cached))
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

        keys.Add(hex, parsed);
        return parsed;
    }
}
