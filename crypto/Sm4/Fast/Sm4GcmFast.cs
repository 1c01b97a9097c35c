using System.Security.Cryptography;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>SM4-GCM on the SIMD block kernel and PCLMULQDQ GHASH. The tag is compared in constant time before any plaintext is released.</summary>
internal static class Sm4GcmFast
{
    public static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertextAndTag)
    {
        using var cipher = new Sm4FastCipher(key);
        Span<byte> j0 = stackalloc byte[16];
        var ghash = Start(cipher, nonce, associatedData, j0);
        var ciphertext = ciphertextAndTag[..plaintext.Length];
        Span<byte> counter = stackalloc byte[16];
        Increment32(j0, counter);
        cipher.TransformGcmCtr(counter, plaintext, ciphertext);
        ghash.Update(ciphertext);
        Tag(cipher, ref ghash, j0, (ulong)associatedData.Length, (ulong)plaintext.Length, ciphertextAndTag[plaintext.Length..]);
    }

    /// <summary>Returns false, writing nothing to <paramref name="plaintext"/>, when the tag does not match.</summary>
    public static bool Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        using var cipher = new Sm4FastCipher(key);
        Span<byte> j0 = stackalloc byte[16];
        var ghash = Start(cipher, nonce, associatedData, j0);
        var ciphertext = ciphertextAndTag[..^Sm4Gcm.TagSizeInBytes];
        ghash.Update(ciphertext);
        Span<byte> expected = stackalloc byte[16];
        Tag(cipher, ref ghash, j0, (ulong)associatedData.Length, (ulong)ciphertext.Length, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, ciphertextAndTag[^Sm4Gcm.TagSizeInBytes..]))
        {
            return false;
        }

        Span<byte> counter = stackalloc byte[16];
        Increment32(j0, counter);
        cipher.TransformGcmCtr(counter, ciphertext, plaintext);
        return true;
    }

    private static Ghash Start(Sm4FastCipher cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, Span<byte> j0)
    {
        Span<byte> hashKey = stackalloc byte[16];
        hashKey.Clear();
        cipher.EncryptBlocks(hashKey, hashKey);
        if (nonce.Length == 12)
        {
            nonce.CopyTo(j0);
            j0[12..].Clear();
            j0[15] = 1;
        }
        else
        {
            // SP 800-38D: J0 = GHASH(IV ‖ 0^s ‖ [0]64 ‖ [len(IV)]64).
            var nonceHash = new Ghash(hashKey);
            nonceHash.Update(nonce);
            nonceHash.Finish(0, (ulong)nonce.Length, j0);
        }

        var ghash = new Ghash(hashKey);
        ghash.Update(associatedData);
        return ghash;
    }

    private static void Tag(Sm4FastCipher cipher, ref Ghash ghash, ReadOnlySpan<byte> j0, ulong associatedBytes, ulong ciphertextBytes, Span<byte> tag)
    {
        Span<byte> s = stackalloc byte[16];
        ghash.Finish(associatedBytes, ciphertextBytes, s);
        Span<byte> mask = stackalloc byte[16];
        cipher.EncryptBlocks(j0, mask);
        XorBytes.Xor(s, mask, tag[..16]);
    }

    private static void Increment32(ReadOnlySpan<byte> j0, Span<byte> counter)
    {
        j0.CopyTo(counter);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(counter[12..]) + 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(counter[12..], low);
    }
}
