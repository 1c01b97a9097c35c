using System.Security.Cryptography;
using GovChain.Crypto;

namespace GovChain.CreditService.Data;

/// <summary>The on-disk form of every store file: version byte 1 ‖ random 12-byte nonce ‖ SM4-GCM ciphertext and tag.</summary>
internal static class SealedBytes
{
    private const byte Version = 1;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(Sm4Gcm.NonceSizeInBytes);
        return [Version, .. nonce, .. Sm4Gcm.Encrypt(key, nonce, plaintext, associatedData)];
    }

    /// <summary>The plaintext, or null when the bytes are short, of another version, or fail authentication.</summary>
    public static byte[]? TryOpen(byte[] key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        const int header = 1 + Sm4Gcm.NonceSizeInBytes;
        if (sealedBytes.Length < header + Sm4Gcm.TagSizeInBytes || sealedBytes[0] != Version)
        {
            return null;
        }

        try
        {
            return Sm4Gcm.Decrypt(key, sealedBytes[1..header], sealedBytes[header..], associatedData);
        }
        catch (CryptoAuthenticationException)
        {
            return null;
        }
    }
}
