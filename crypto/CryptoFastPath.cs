namespace GovChain.Crypto;

/// <summary>
/// Chooses between GovChain's own fast implementations and the BouncyCastle reference path. The fast path is on by
/// default; set the environment variable GOVCHAIN_CRYPTO_REFERENCE=1 (or <see cref="Enabled"/> = false) to use the
/// reference everywhere. SIMD paths are also chosen by what the CPU supports.
/// </summary>
public static class CryptoFastPath
{
    public static bool Enabled { get; set; } = Environment.GetEnvironmentVariable("GOVCHAIN_CRYPTO_REFERENCE") is not ("1" or "true");
}
