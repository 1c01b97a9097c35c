using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using GovChain.Crypto.Sm4Fast;

namespace GovChain.Crypto;

/// <summary>SM4-GCM (RFC 8998): the 16-byte tag is appended to the ciphertext.</summary>
public static class Sm4Gcm
{
    public const int TagSizeInBytes = 16;
    public const int NonceSizeInBytes = 12;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var cipher = Create(true, key, nonce, associatedData);
        var output = new byte[plaintext.Length + TagSizeInBytes];
        if (UseFastPath)
        {
            Sm4GcmFast.Encrypt(key, nonce, plaintext, associatedData, output);
            return output;
        }

        var n = cipher.ProcessBytes(plaintext, output);
        cipher.DoFinal(output.AsSpan(n));
        return output;
    }

    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData = default)
    {
        if (ciphertextAndTag.Length < TagSizeInBytes)
        {
            throw new CryptoInputException($"SM4-GCM input of {ciphertextAndTag.Length} bytes is shorter than the 16-byte tag");
        }

        var cipher = Create(false, key, nonce, associatedData);
        // BouncyCastle writes plaintext as it goes; it is wiped and withheld unless the tag checks out.
        var output = new byte[ciphertextAndTag.Length - TagSizeInBytes];
        if (UseFastPath)
        {
            return Sm4GcmFast.Decrypt(key, nonce, ciphertextAndTag, associatedData, output)
                ? output
                : throw new CryptoAuthenticationException("SM4-GCM: authentication tag mismatch");
        }

        try
        {
            var n = cipher.ProcessBytes(ciphertextAndTag, output);
            cipher.DoFinal(output.AsSpan(n));
            return output;
        }
        catch (InvalidCipherTextException)
        {
            Array.Clear(output);
            throw new CryptoAuthenticationException("SM4-GCM: authentication tag mismatch");
        }
    }

    private static bool UseFastPath => CryptoFastPath.Enabled && Ghash.IsSupported;

    private static GcmBlockCipher Create(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        Sm4.CheckKey(key);
        if (nonce.Length == 0 || nonce.Length > 256)
        {
            throw new CryptoInputException($"SM4-GCM nonce must be 1 to 256 bytes (12 recommended), got {nonce.Length}");
        }

        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), TagSizeInBytes * 8, nonce.ToArray(), associatedData.ToArray()));
        return cipher;
    }
}
