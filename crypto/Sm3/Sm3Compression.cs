using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GovChain.Crypto;

/// <summary>
/// The SM3 compression function (GB/T 32905 §5.3). The 64 rounds are unrolled with the registers renamed instead of
/// moved (round j+1 takes round j's arguments rotated by one place), and T_j rotated left by j is a literal in each
/// round, so the JIT keeps the eight words in registers with no loop counter or constants table; they stay there from
/// block to block too. The rounds are one long scalar dependency chain (about seven cycles a round on the E word), so
/// with the vector message schedule the next block's expansion is interleaved with them: it runs on the otherwise idle
/// vector units instead of stalling the start of every block.
/// </summary>
internal static class Sm3Compression
{
    public const int BlockSizeInBytes = 64;

    /// <summary>How the message schedule is produced around the rounds of each block.</summary>
    private interface ISchedule
    {
        /// <summary>Before the rounds of <paramref name="block"/>.</summary>
        static abstract void Prepare(bool first, ref byte block, ref uint w);

        /// <summary>Between groups of rounds; <paramref name="next"/> is the block after the current one.</summary>
        static abstract void Step(int step, ref byte next, ref uint w);
    }

    public static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks) => Compress(state, blocks, Sm3MessageSchedule.IsVectorised);

    /// <summary>Tests pass <paramref name="vectorSchedule"/> = false to reach the scalar expansion on any CPU.</summary>
    internal static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks, bool vectorSchedule)
    {
        if (state.Length < 8)
        {
            throw new ArgumentException("SM3 state is eight words", nameof(state));
        }

        var count = blocks.Length / BlockSizeInBytes;
        if (count == 0)
        {
            return;
        }

        if (!vectorSchedule)
        {
            CompressBlocks<ScalarSchedule>(ref MemoryMarshal.GetReference(state), ref MemoryMarshal.GetReference(blocks), count);
        }
        else if (Sm3MessageSchedule.IsVectorised)
        {
            CompressBlocks<InterleavedVectorSchedule>(ref MemoryMarshal.GetReference(state), ref MemoryMarshal.GetReference(blocks), count);
        }
        else
        {
            throw new PlatformNotSupportedException("the vector SM3 message schedule needs SSSE3");
        }
    }

    /// <summary>
    /// Compresses <paramref name="count"/> blocks into the chaining value <paramref name="v"/>. The schedule is a local
    /// of this frame, addressed off the frame pointer, so no register is spent on its address.
    /// </summary>
    [SkipLocalsInit]
    private static void CompressBlocks<TSchedule>(ref uint v, ref byte blocks, int count)
        where TSchedule : struct, ISchedule
    {
        Unsafe.SkipInit(out Sm3MessageSchedule.Buffer schedule);
        ref var w = ref schedule[0];
        uint a = v, b = Unsafe.Add(ref v, 1), c = Unsafe.Add(ref v, 2), d = Unsafe.Add(ref v, 3);
        uint e = Unsafe.Add(ref v, 4), f = Unsafe.Add(ref v, 5), g = Unsafe.Add(ref v, 6), h = Unsafe.Add(ref v, 7);
        for (var i = 0; i < count; i++)
        {
            ref var block = ref Unsafe.Add(ref blocks, i * BlockSizeInBytes);
            // The last block "expands" itself again, which is cheaper than a second copy of the rounds without it.
            ref var next = ref i + 1 < count ? ref Unsafe.Add(ref block, BlockSizeInBytes) : ref block;
            TSchedule.Prepare(i == 0, ref block, ref w);
            EarlyRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x79CC4519, ref w, 0);
            EarlyRound(d, ref a, b, ref c, h, ref e, f, ref g, 0xF3988A32, ref w, 1);
            EarlyRound(c, ref d, a, ref b, g, ref h, e, ref f, 0xE7311465, ref w, 2);
            EarlyRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xCE6228CB, ref w, 3);

            EarlyRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x9CC45197, ref w, 4);
            EarlyRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x3988A32F, ref w, 5);
            EarlyRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x7311465E, ref w, 6);
            EarlyRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xE6228CBC, ref w, 7);

            EarlyRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xCC451979, ref w, 8);
            EarlyRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x988A32F3, ref w, 9);
            EarlyRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x311465E7, ref w, 10);
            EarlyRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x6228CBCE, ref w, 11);

            EarlyRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xC451979C, ref w, 12);
            EarlyRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x88A32F39, ref w, 13);
            EarlyRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x11465E73, ref w, 14);
            EarlyRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x228CBCE6, ref w, 15);
            TSchedule.Step(0, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x9D8A7A87, ref w, 16);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x3B14F50F, ref w, 17);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x7629EA1E, ref w, 18);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xEC53D43C, ref w, 19);
            TSchedule.Step(1, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xD8A7A879, ref w, 20);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0xB14F50F3, ref w, 21);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x629EA1E7, ref w, 22);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xC53D43CE, ref w, 23);
            TSchedule.Step(2, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x8A7A879D, ref w, 24);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x14F50F3B, ref w, 25);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x29EA1E76, ref w, 26);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x53D43CEC, ref w, 27);
            TSchedule.Step(3, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xA7A879D8, ref w, 28);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x4F50F3B1, ref w, 29);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x9EA1E762, ref w, 30);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x3D43CEC5, ref w, 31);
            TSchedule.Step(4, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x7A879D8A, ref w, 32);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0xF50F3B14, ref w, 33);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0xEA1E7629, ref w, 34);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xD43CEC53, ref w, 35);
            TSchedule.Step(5, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xA879D8A7, ref w, 36);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x50F3B14F, ref w, 37);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0xA1E7629E, ref w, 38);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x43CEC53D, ref w, 39);
            TSchedule.Step(6, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x879D8A7A, ref w, 40);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x0F3B14F5, ref w, 41);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x1E7629EA, ref w, 42);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x3CEC53D4, ref w, 43);
            TSchedule.Step(7, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x79D8A7A8, ref w, 44);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0xF3B14F50, ref w, 45);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0xE7629EA1, ref w, 46);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xCEC53D43, ref w, 47);
            TSchedule.Step(8, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x9D8A7A87, ref w, 48);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x3B14F50F, ref w, 49);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x7629EA1E, ref w, 50);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xEC53D43C, ref w, 51);
            TSchedule.Step(9, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xD8A7A879, ref w, 52);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0xB14F50F3, ref w, 53);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x629EA1E7, ref w, 54);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0xC53D43CE, ref w, 55);
            TSchedule.Step(10, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0x8A7A879D, ref w, 56);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x14F50F3B, ref w, 57);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x29EA1E76, ref w, 58);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x53D43CEC, ref w, 59);
            TSchedule.Step(11, ref next, ref w);

            LateRound(a, ref b, c, ref d, e, ref f, g, ref h, 0xA7A879D8, ref w, 60);
            LateRound(d, ref a, b, ref c, h, ref e, f, ref g, 0x4F50F3B1, ref w, 61);
            LateRound(c, ref d, a, ref b, g, ref h, e, ref f, 0x9EA1E762, ref w, 62);
            LateRound(b, ref c, d, ref a, f, ref g, h, ref e, 0x3D43CEC5, ref w, 63);
            TSchedule.Step(12, ref next, ref w);
            TSchedule.Step(13, ref next, ref w);

            v = a ^= v;
            Unsafe.Add(ref v, 1) = b ^= Unsafe.Add(ref v, 1);
            Unsafe.Add(ref v, 2) = c ^= Unsafe.Add(ref v, 2);
            Unsafe.Add(ref v, 3) = d ^= Unsafe.Add(ref v, 3);
            Unsafe.Add(ref v, 4) = e ^= Unsafe.Add(ref v, 4);
            Unsafe.Add(ref v, 5) = f ^= Unsafe.Add(ref v, 5);
            Unsafe.Add(ref v, 6) = g ^= Unsafe.Add(ref v, 6);
            Unsafe.Add(ref v, 7) = h ^= Unsafe.Add(ref v, 7);
        }
    }

    /// <summary>
    /// Rounds 0..15 (FF and GG are XOR). Writes the new words into the places of the ones that leave: d becomes A, h
    /// becomes E; b and f take their rotations in place. Sums are ordered so the late-arriving SS1 is added last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EarlyRound(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint t, ref uint w, int j)
    {
        var a12 = BitOperations.RotateLeft(a, 12);
        var ss1 = BitOperations.RotateLeft(a12 + t + e, 7);
        d = d + Unsafe.Add(ref w, Sm3MessageSchedule.PrimeOffset + j) + (a ^ b ^ c) + (ss1 ^ a12);
        var tt2 = h + Unsafe.Add(ref w, j) + (e ^ f ^ g) + ss1;
        b = BitOperations.RotateLeft(b, 9);
        f = BitOperations.RotateLeft(f, 19);
        h = P0(tt2);
    }

    /// <summary>Rounds 16..63: FF is majority, GG is choose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LateRound(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint t, ref uint w, int j)
    {
        var a12 = BitOperations.RotateLeft(a, 12);
        var ss1 = BitOperations.RotateLeft(a12 + t + e, 7);
        d = d + Unsafe.Add(ref w, Sm3MessageSchedule.PrimeOffset + j) + ((a & b) | (c & (a | b))) + (ss1 ^ a12);
        var tt2 = h + Unsafe.Add(ref w, j) + (g ^ (e & (f ^ g))) + ss1;
        b = BitOperations.RotateLeft(b, 9);
        f = BitOperations.RotateLeft(f, 19);
        h = P0(tt2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    /// <summary>Expands each block before its rounds, on any CPU.</summary>
    private readonly struct ScalarSchedule : ISchedule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prepare(bool first, ref byte block, ref uint w) => Sm3MessageSchedule.ExpandScalar(ref block, ref w);

        public static void Step(int step, ref byte next, ref uint w)
        {
        }
    }

    /// <summary>
    /// Expands the first block up front, then each next block during the rounds of the one before it, in the same
    /// schedule: every step comes after the last round that reads the words it overwrites.
    /// </summary>
    private readonly struct InterleavedVectorSchedule : ISchedule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Prepare(bool first, ref byte block, ref uint w)
        {
            if (first)
            {
                Sm3MessageSchedule.ExpandVector(ref block, ref w);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Step(int step, ref byte next, ref uint w) => Sm3MessageSchedule.VectorStep(step, ref next, ref w);
    }
}
