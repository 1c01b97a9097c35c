using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GovChain.Crypto;

/// <summary>PBKDF2 (RFC 8018 §5.2) with HMAC-SM3 as the PRF: the password KDF of GovChain's keystores.</summary>
public static class Pbkdf2Sm3
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, int length)
    {
        if (iterations < 1)
        {
            throw new CryptoInputException($"PBKDF2 needs at least one iteration, got {iterations}");
        }

        if (length is < 1 or > 1 << 20)
        {
            throw new CryptoInputException($"PBKDF2 output length {length} is out of range (1 to 1 MiB)");
        }

        var prf = new HmacSm3Key(password);
        var output = new byte[length];
        Span<byte> index = stackalloc byte[4];
        Span<byte> u = stackalloc byte[Sm3.HashSizeInBytes];
        Span<byte> t = stackalloc byte[Sm3.HashSizeInBytes];
        for (uint block = 1, offset = 0; offset < length; block++, offset += Sm3.HashSizeInBytes)
        {
            BinaryPrimitives.WriteUInt32BigEndian(index, block);
            prf.Compute(salt, index, u);
            u.CopyTo(t);
            for (var i = 1; i < iterations; i++)
            {
                prf.Compute(u, u);
                for (var k = 0; k < t.Length; k++)
                {
                    t[k] ^= u[k];
                }
            }

            t[..Math.Min(t.Length, length - (int)offset)].CopyTo(output.AsSpan((int)offset));
        }

        CryptographicOperations.ZeroMemory(u);
        CryptographicOperations.ZeroMemory(t);
        return output;
    }
}
