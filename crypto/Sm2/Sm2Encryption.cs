using System.Security.Cryptography;
using GovChain.Crypto.Sm2Fast;
using Org.BouncyCastle.Math;

namespace GovChain.Crypto;

/// <summary>SM2 public-key encryption, GB/T 32918.4 §6 and §7.</summary>
internal static class Sm2Encryption
{
    public static Sm2Ciphertext Encrypt(Sm2PublicKey key, ReadOnlySpan<byte> plaintext, BigInteger? fixedK)
    {
        if (plaintext.IsEmpty)
        {
            throw new CryptoInputException("SM2 encryption needs a non-empty message (t = KDF(x2‖y2, 0) is always 'all zero')");
        }

        var n = Sm2Curve.N;
        var t = new byte[plaintext.Length];
        Span<byte> x2y2 = stackalloc byte[64];
        while (true)
        {
            var k = Sm2Curve.ToFixed(fixedK ?? Sm2Curve.RandomScalar(n));
            var c1 = CryptoFastPath.Enabled
                ? Sm2FastOperations.MultiplyBase(k)
                : Sm2Curve.EncodeUncompressed(Sm2Curve.MultiplyBase(new BigInteger(1, k)));
            // The cofactor is 1 and the key was validated, so [k]P_B is never O for k in [1, n-1].
            SharedPoint(key.Point, k, x2y2);
            CryptographicOperations.ZeroMemory(k);
            Sm3Kdf.DeriveKey(x2y2, t);
            if (t.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                if (fixedK is not null)
                {
                    throw new CryptoInputException("the fixed k gives an all-zero KDF output");
                }

                continue;
            }

            var c2 = new byte[plaintext.Length];
            for (var i = 0; i < c2.Length; i++)
            {
                c2[i] = (byte)(plaintext[i] ^ t[i]);
            }

            var c3 = C3(x2y2, plaintext);
            CryptographicOperations.ZeroMemory(x2y2);
            CryptographicOperations.ZeroMemory(t);
            return new Sm2Ciphertext(c1, c3, c2);
        }
    }

    public static byte[] Decrypt(Sm2PrivateKey key, Sm2Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        // C1 was validated on decoding (on the curve, not O; cofactor 1).
        var c1 = Sm2Curve.DecodePoint(ciphertext.C1, "SM2 ciphertext C1");
        Span<byte> x2y2 = stackalloc byte[64];
        var d = Sm2Curve.ToFixed(key.Scalar);
        SharedPoint(c1, d, x2y2);
        CryptographicOperations.ZeroMemory(d);
        var c2 = ciphertext.C2;
        var plaintext = new byte[c2.Length];
        Sm3Kdf.DeriveKey(x2y2, plaintext);
        if (plaintext.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            throw new CryptoAuthenticationException("SM2 decryption failed: KDF output is all zero");
        }

        for (var i = 0; i < plaintext.Length; i++)
        {
            plaintext[i] ^= c2[i];
        }

        var u = C3(x2y2, plaintext);
        CryptographicOperations.ZeroMemory(x2y2);
        if (!CryptographicOperations.FixedTimeEquals(u, ciphertext.C3))
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptoAuthenticationException("SM2 decryption failed: C3 does not match (wrong key or tampered ciphertext)");
        }

        return plaintext;
    }

    /// <summary>x‖y of [k]P: constant time on the fast path; BouncyCastle's multiplier on the reference path.</summary>
    private static void SharedPoint(Org.BouncyCastle.Math.EC.ECPoint point, byte[] k, Span<byte> x2y2)
    {
        if (CryptoFastPath.Enabled)
        {
            Sm2FastOperations.Multiply(Sm2Curve.EncodeUncompressed(point), k, x2y2);
            return;
        }

        var shared = point.Multiply(new BigInteger(1, k)).Normalize();
        Sm2Curve.WriteFixed(shared.AffineXCoord.ToBigInteger(), x2y2);
        Sm2Curve.WriteFixed(shared.AffineYCoord.ToBigInteger(), x2y2[32..]);
    }

    private static byte[] C3(ReadOnlySpan<byte> x2y2, ReadOnlySpan<byte> message)
    {
        using var h = new Sm3Hasher();
        h.Append(x2y2[..32]);
        h.Append(message);
        h.Append(x2y2[32..]);
        return h.GetHashAndReset();
    }
}
