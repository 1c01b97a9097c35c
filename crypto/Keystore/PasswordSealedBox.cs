using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GovChain.Crypto;

/// <summary>
/// Secrets at rest under a password: PBKDF2-HMAC-SM3 derives an SM4 key, SM4-GCM seals the data. The header (magic,
/// iterations, salt, nonce) is authenticated as associated data, so no field can be changed without detection.
/// Layout: "GCKS" ‖ version 1 ‖ iterations (u32 BE) ‖ salt (16) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
/// </summary>
public static class PasswordSealedBox
{
    /// <summary>About a quarter of a second on one core here; raise it as hardware allows.</summary>
    public const int DefaultIterations = 200_000;

    public const int MaxIterations = 5_000_000;

    private const int SaltSize = 16;
    private const int HeaderSize = 4 + 1 + 4 + SaltSize + Sm4Gcm.NonceSizeInBytes;
    private static ReadOnlySpan<byte> Magic => "GCKS"u8;

    public static byte[] Seal(ReadOnlySpan<byte> password, ReadOnlySpan<byte> plaintext, int iterations = DefaultIterations)
    {
        if (iterations is < 1 or > MaxIterations)
        {
            throw new CryptoInputException($"keystore iteration count {iterations} is out of range (1 to {MaxIterations})");
        }

        if (password.IsEmpty)
        {
            throw new CryptoInputException("keystore password must not be empty");
        }

        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        header[4] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(5), (uint)iterations);
        RandomNumberGenerator.Fill(header.AsSpan(9, SaltSize + Sm4Gcm.NonceSizeInBytes));
        var key = Pbkdf2Sm3.DeriveKey(password, header.AsSpan(9, SaltSize), iterations, Sm4.KeySizeInBytes);
        try
        {
            return [.. header, .. Sm4Gcm.Encrypt(key, header.AsSpan(9 + SaltSize), plaintext, header)];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Raises <see cref="CryptoAuthenticationException"/> for a wrong password or any altered byte.</summary>
    public static byte[] Open(ReadOnlySpan<byte> password, ReadOnlySpan<byte> sealedBox)
    {
        if (sealedBox.Length < HeaderSize + Sm4Gcm.TagSizeInBytes || !sealedBox[..4].SequenceEqual(Magic))
        {
            throw new CryptoInputException("not a GovChain keystore (bad magic or truncated)");
        }

        if (sealedBox[4] != 1)
        {
            throw new CryptoInputException($"unsupported keystore version {sealedBox[4]}");
        }

        var iterations = BinaryPrimitives.ReadUInt32BigEndian(sealedBox[5..]);
        // The count is read before anything is authenticated, so a forged header must not buy hours of work.
        if (iterations is < 1 or > MaxIterations)
        {
            throw new CryptoInputException($"keystore iteration count {iterations} is out of range");
        }

        var key = Pbkdf2Sm3.DeriveKey(password, sealedBox.Slice(9, SaltSize), (int)iterations, Sm4.KeySizeInBytes);
        try
        {
            return Sm4Gcm.Decrypt(key, sealedBox.Slice(9 + SaltSize, Sm4Gcm.NonceSizeInBytes), sealedBox[HeaderSize..], sealedBox[..HeaderSize]);
        }
        catch (CryptoAuthenticationException)
        {
            throw new CryptoAuthenticationException("wrong password, or the keystore was altered");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
