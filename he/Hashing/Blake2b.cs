using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GovChain.He.Hashing;

/// <summary>
/// BLAKE2b (RFC 7693) with the full parameter block, because SEAL hashes parameters with BLAKE2b-256
/// and expands seeds with BLAKE2Xb, whose node parameters differ from plain BLAKE2b.
/// </summary>
internal sealed class Blake2b
{
    private static readonly ulong[] Iv =
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    private static readonly byte[] Sigma =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    private readonly ulong[] h = new ulong[8];
    private readonly byte[] buffer = new byte[128];
    private readonly int outLength;
    private int bufferLength;
    private UInt128 counter;

    /// <summary>Starts a hash from a 64-byte parameter block and an optional key (padded to one block).</summary>
    public Blake2b(ReadOnlySpan<byte> parameterBlock, ReadOnlySpan<byte> key)
    {
        outLength = parameterBlock[0];
        for (var i = 0; i < 8; i++)
        {
            h[i] = Iv[i] ^ BinaryPrimitives.ReadUInt64LittleEndian(parameterBlock[(8 * i)..]);
        }

        if (!key.IsEmpty)
        {
            key.CopyTo(buffer);
            bufferLength = 128;
        }
    }

    /// <summary>Plain BLAKE2b with the given digest length and no key.</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> p = stackalloc byte[64];
        p.Clear();
        p[0] = (byte)output.Length;
        p[2] = 1;
        p[3] = 1;
        var b = new Blake2b(p, default);
        b.Update(input);
        b.Final(output);
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (bufferLength == 128)
            {
                counter += 128;
                Compress(buffer, last: false);
                bufferLength = 0;
            }

            var take = Math.Min(128 - bufferLength, data.Length);
            data[..take].CopyTo(buffer.AsSpan(bufferLength));
            bufferLength += take;
            data = data[take..];
        }
    }

    public void Final(Span<byte> output)
    {
        counter += (ulong)bufferLength;
        buffer.AsSpan(bufferLength).Clear();
        Compress(buffer, last: true);
        Span<byte> full = stackalloc byte[64];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(full[(8 * i)..], h[i]);
        }

        full[..Math.Min(outLength, output.Length)].CopyTo(output);
    }

    private void Compress(ReadOnlySpan<byte> block, bool last) => Compress(h, block, counter, last);

    /// <summary>The F function on a chaining value <paramref name="state"/> (eight words), updated in place.</summary>
    internal static unsafe void Compress(Span<ulong> state, ReadOnlySpan<byte> block, UInt128 counter, bool last)
    {
        var m = stackalloc ulong[16];
        for (var i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(8 * i)..]);
        }

        ulong v0 = state[0], v1 = state[1], v2 = state[2], v3 = state[3];
        ulong v4 = state[4], v5 = state[5], v6 = state[6], v7 = state[7];
        ulong v8 = Iv[0], v9 = Iv[1], v10 = Iv[2], v11 = Iv[3];
        var v12 = Iv[4] ^ (ulong)counter;
        var v13 = Iv[5] ^ (ulong)(counter >> 64);
        var v14 = last ? ~Iv[6] : Iv[6];
        var v15 = Iv[7];
        fixed (byte* sigma = Sigma)
        {
            for (var r = 0; r < 12; r++)
            {
                var s = sigma + (16 * (r % 10));
                G(ref v0, ref v4, ref v8, ref v12, m[s[0]], m[s[1]]);
                G(ref v1, ref v5, ref v9, ref v13, m[s[2]], m[s[3]]);
                G(ref v2, ref v6, ref v10, ref v14, m[s[4]], m[s[5]]);
                G(ref v3, ref v7, ref v11, ref v15, m[s[6]], m[s[7]]);
                G(ref v0, ref v5, ref v10, ref v15, m[s[8]], m[s[9]]);
                G(ref v1, ref v6, ref v11, ref v12, m[s[10]], m[s[11]]);
                G(ref v2, ref v7, ref v8, ref v13, m[s[12]], m[s[13]]);
                G(ref v3, ref v4, ref v9, ref v14, m[s[14]], m[s[15]]);
            }
        }

        state[0] ^= v0 ^ v8;
        state[1] ^= v1 ^ v9;
        state[2] ^= v2 ^ v10;
        state[3] ^= v3 ^ v11;
        state[4] ^= v4 ^ v12;
        state[5] ^= v5 ^ v13;
        state[6] ^= v6 ^ v14;
        state[7] ^= v7 ^ v15;
    }

    /// <summary>Initial chaining value for a 64-byte parameter block.</summary>
    internal static void Initialize(Span<ulong> state, ReadOnlySpan<byte> parameterBlock)
    {
        for (var i = 0; i < 8; i++)
        {
            state[i] = Iv[i] ^ BinaryPrimitives.ReadUInt64LittleEndian(parameterBlock[(8 * i)..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a = a + b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a = a + b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }
}
