using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Security;

/// <summary>
/// The bytes an actor signs for one request: "GovChain.request.v1" ‖ method ‖ path with query ‖ SM3(raw body) ‖
/// timestamp (unix ms) ‖ nonce, in the ledger's canonical encoding (length-prefixed strings, big-endian integers),
/// so no two different requests share signed bytes.
/// </summary>
public static class RequestSigningPayload
{
    public const int NonceHexLength = 32;

    private static readonly byte[] Tag = "GovChain.request.v1"u8.ToArray();

    public static byte[] Build(string method, string pathAndQuery, ReadOnlySpan<byte> body, long timestampMs, string nonce)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(nonce);
        var writer = new CanonicalWriter(128);
        writer.WriteFixed(Tag);
        writer.WriteString(method.ToUpperInvariant());
        writer.WriteString(pathAndQuery);
        writer.WriteFixed(Sm3.HashData(body));
        writer.WriteInt64(timestampMs);
        writer.WriteString(nonce);
        return writer.ToArray();
    }

    /// <summary>A fresh random nonce: 16 bytes as 32 lower-case hex characters.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(NonceHexLength / 2));
}
