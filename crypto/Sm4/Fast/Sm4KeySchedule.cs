using System.Buffers.Binary;
using System.Numerics;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>SM4 key expansion (GB/T 32907 §7.3): 32 round keys; decryption uses them in reverse.</summary>
internal static class Sm4KeySchedule
{
    private static ReadOnlySpan<uint> Fk => [0xA3B1BAC6, 0x56AA3350, 0x677D9197, 0xB27022DC];

    public static void Expand(ReadOnlySpan<byte> key, Span<uint> encrypt, Span<uint> decrypt)
    {
        Span<uint> k = stackalloc uint[4];
        for (var i = 0; i < 4; i++)
        {
            k[i] = BinaryPrimitives.ReadUInt32BigEndian(key[(4 * i)..]) ^ Fk[i];
        }

        for (var i = 0; i < 32; i++)
        {
            // CK_i has bytes (4i + j)·7 mod 256.
            var ck = ((uint)(byte)(((4 * i) + 0) * 7) << 24) | ((uint)(byte)(((4 * i) + 1) * 7) << 16) |
                     ((uint)(byte)(((4 * i) + 2) * 7) << 8) | (byte)(((4 * i) + 3) * 7);
            var b = Sm4Tables.Tau(k[(i + 1) & 3] ^ k[(i + 2) & 3] ^ k[(i + 3) & 3] ^ ck);
            var rk = k[i & 3] ^ b ^ BitOperations.RotateLeft(b, 13) ^ BitOperations.RotateLeft(b, 23);
            k[i & 3] = rk;
            encrypt[i] = rk;
            decrypt[31 - i] = rk;
        }
    }
}
