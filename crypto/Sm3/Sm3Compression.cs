using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GovChain.Crypto;

/// <summary>
/// The SM3 compression function (GB/T 32905 §5.3): the message schedule is expanded once per block into a stack
/// buffer, rounds keep the eight registers in locals, and indexing is unchecked (every index is a loop constant).
/// </summary>
internal static class Sm3Compression
{
    public const int BlockSizeInBytes = 64;

    /// <summary>T_j rotated left by j mod 32.</summary>
    private static readonly uint[] RoundConstants = BuildRoundConstants();

    [SkipLocalsInit]
    public static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        if (state.Length < 8)
        {
            throw new ArgumentException("SM3 state is eight words", nameof(state));
        }

        Span<uint> schedule = stackalloc uint[68];
        ref var w = ref MemoryMarshal.GetReference(schedule);
        ref var t = ref MemoryMarshal.GetArrayDataReference(RoundConstants);
        ref var v = ref MemoryMarshal.GetReference(state);
        for (var offset = 0; offset + BlockSizeInBytes <= blocks.Length; offset += BlockSizeInBytes)
        {
            Expand(blocks.Slice(offset, BlockSizeInBytes), ref w);
            // The chaining value stays in memory, so the rounds have every register for themselves.
            uint a = v, b = Unsafe.Add(ref v, 1), c = Unsafe.Add(ref v, 2), d = Unsafe.Add(ref v, 3);
            uint e = Unsafe.Add(ref v, 4), f = Unsafe.Add(ref v, 5), g = Unsafe.Add(ref v, 6), h = Unsafe.Add(ref v, 7);
            for (var j = 0; j < 16; j++)
            {
                var a12 = BitOperations.RotateLeft(a, 12);
                var ss1 = BitOperations.RotateLeft(a12 + e + Unsafe.Add(ref t, j), 7);
                var wj = Unsafe.Add(ref w, j);
                var tt1 = (a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ Unsafe.Add(ref w, j + 4));
                var tt2 = (e ^ f ^ g) + h + ss1 + wj;
                d = c;
                c = BitOperations.RotateLeft(b, 9);
                b = a;
                a = tt1;
                h = g;
                g = BitOperations.RotateLeft(f, 19);
                f = e;
                e = tt2 ^ BitOperations.RotateLeft(tt2, 9) ^ BitOperations.RotateLeft(tt2, 17);
            }

            for (var j = 16; j < 64; j++)
            {
                var a12 = BitOperations.RotateLeft(a, 12);
                var ss1 = BitOperations.RotateLeft(a12 + e + Unsafe.Add(ref t, j), 7);
                var wj = Unsafe.Add(ref w, j);
                // Majority and choose, in the forms with the fewest operations.
                var tt1 = ((a & b) | (c & (a | b))) + d + (ss1 ^ a12) + (wj ^ Unsafe.Add(ref w, j + 4));
                var tt2 = (g ^ (e & (f ^ g))) + h + ss1 + wj;
                d = c;
                c = BitOperations.RotateLeft(b, 9);
                b = a;
                a = tt1;
                h = g;
                g = BitOperations.RotateLeft(f, 19);
                f = e;
                e = tt2 ^ BitOperations.RotateLeft(tt2, 9) ^ BitOperations.RotateLeft(tt2, 17);
            }

            v ^= a;
            Unsafe.Add(ref v, 1) ^= b;
            Unsafe.Add(ref v, 2) ^= c;
            Unsafe.Add(ref v, 3) ^= d;
            Unsafe.Add(ref v, 4) ^= e;
            Unsafe.Add(ref v, 5) ^= f;
            Unsafe.Add(ref v, 6) ^= g;
            Unsafe.Add(ref v, 7) ^= h;
        }
    }

    private static void Expand(ReadOnlySpan<byte> block, ref uint w)
    {
        for (var i = 0; i < 16; i++)
        {
            Unsafe.Add(ref w, i) = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * i)..]);
        }

        for (var j = 16; j < 68; j++)
        {
            var x = Unsafe.Add(ref w, j - 16) ^ Unsafe.Add(ref w, j - 9) ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 3), 15);
            Unsafe.Add(ref w, j) = x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23) ^
                                   BitOperations.RotateLeft(Unsafe.Add(ref w, j - 13), 7) ^ Unsafe.Add(ref w, j - 6);
        }
    }

    private static uint[] BuildRoundConstants()
    {
        var t = new uint[64];
        for (var j = 0; j < 64; j++)
        {
            t[j] = BitOperations.RotateLeft(j < 16 ? 0x79CC4519u : 0x7A879D8Au, j % 32);
        }

        return t;
    }
}
