using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto;

/// <summary>
/// SM3 message expansion (GB/T 32905 §5.3.2): W[0..67] followed by W'[j] = W[j] ^ W[j+4] for j in 0..63, so the rounds
/// read both as plain loads. The vector form computes four words a step; it is kept off the rounds' dependency chain,
/// which leaves the scalar ports to the rounds.
/// </summary>
internal static class Sm3MessageSchedule
{
    /// <summary>Offset of W'[0] in the schedule.</summary>
    public const int PrimeOffset = 68;

    public const int Length = PrimeOffset + 64;

    /// <summary>Number of <see cref="VectorStep"/> calls that expand one block.</summary>
    public const int VectorSteps = 14;

    public static bool IsVectorised => Ssse3.IsSupported;

    [InlineArray(Length)]
    public struct Buffer
    {
        private uint element;
    }

    private static Vector128<byte> BigEndianWords => Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>Expands the 64 bytes at <paramref name="block"/> into <paramref name="w"/>.</summary>
    public static void ExpandScalar(ref byte block, ref uint w)
    {
        for (var i = 0; i < 16; i++)
        {
            var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref block, 4 * i));
            Unsafe.Add(ref w, i) = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(word) : word;
        }

        for (var j = 16; j < 68; j++)
        {
            var x = Unsafe.Add(ref w, j - 16) ^ Unsafe.Add(ref w, j - 9) ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 3), 15);
            Unsafe.Add(ref w, j) = P1(x) ^ BitOperations.RotateLeft(Unsafe.Add(ref w, j - 13), 7) ^ Unsafe.Add(ref w, j - 6);
        }

        for (var j = 0; j < 64; j++)
        {
            Unsafe.Add(ref w, PrimeOffset + j) = Unsafe.Add(ref w, j) ^ Unsafe.Add(ref w, j + 4);
        }
    }

    /// <summary>Expands the 64 bytes at <paramref name="block"/> into <paramref name="w"/>; requires <see cref="IsVectorised"/>.</summary>
    public static void ExpandVector(ref byte block, ref uint w)
    {
        for (var step = 0; step < VectorSteps; step++)
        {
            VectorStep(step, ref block, ref w);
        }
    }

    /// <summary>
    /// Step 0 loads the 64-byte block at <paramref name="block"/> into W[0..15] and W'[0..11]; step k (1..13) then
    /// appends W[12+4k..15+4k] and W'[8+4k..11+4k]. Steps run in order, but each is small enough to be spread between
    /// the rounds of the previous block, where the vector units are otherwise idle. Requires <see cref="IsVectorised"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void VectorStep(int step, ref byte block, ref uint w)
    {
        if (step == 0)
        {
            var w0 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref block), BigEndianWords).AsUInt32();
            var w1 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref block, 16), BigEndianWords).AsUInt32();
            var w2 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref block, 32), BigEndianWords).AsUInt32();
            var w3 = Ssse3.Shuffle(Vector128.LoadUnsafe(ref block, 48), BigEndianWords).AsUInt32();
            w0.StoreUnsafe(ref w);
            w1.StoreUnsafe(ref w, 4);
            w2.StoreUnsafe(ref w, 8);
            w3.StoreUnsafe(ref w, 12);
            (w0 ^ w1).StoreUnsafe(ref w, PrimeOffset);
            (w1 ^ w2).StoreUnsafe(ref w, PrimeOffset + 4);
            (w2 ^ w3).StoreUnsafe(ref w, PrimeOffset + 8);
            return;
        }

        var j = (nuint)(12 + (4 * step));
        var w4 = Vector128.LoadUnsafe(ref w, j - 4);
        var next = NextFour(Vector128.LoadUnsafe(ref w, j - 16), Vector128.LoadUnsafe(ref w, j - 12), Vector128.LoadUnsafe(ref w, j - 8), w4);
        next.StoreUnsafe(ref w, j);
        (w4 ^ next).StoreUnsafe(ref w, PrimeOffset + j - 4);
    }

    /// <summary>W[j..j+3] from W[j-16..j-1] held as four vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> NextFour(Vector128<uint> w16, Vector128<uint> w12, Vector128<uint> w8, Vector128<uint> w4)
    {
        var w13 = Ssse3.AlignRight(w12.AsByte(), w16.AsByte(), 12).AsUInt32();
        var w9 = Ssse3.AlignRight(w8.AsByte(), w12.AsByte(), 12).AsUInt32();
        var w6 = Ssse3.AlignRight(w4.AsByte(), w8.AsByte(), 8).AsUInt32();
        // W[j-3..j]: the last lane is W[j] itself, not known yet, so it is left zero and patched below.
        var w3 = Sse2.ShiftRightLogical128BitLane(w4, 4);
        var next = P1(w16 ^ w9 ^ RotateLeft(w3, 15)) ^ RotateLeft(w13, 7) ^ w6;
        // P1 is linear over XOR, so the missing term of lane 3 is P1(rotl(W[j], 15)) added afterwards.
        var patch = RotateLeft(Sse2.ShiftLeftLogical128BitLane(next, 12), 15);
        return next ^ P1(patch);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> P1(Vector128<uint> x) => x ^ RotateLeft(x, 15) ^ RotateLeft(x, 23);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RotateLeft(Vector128<uint> x, [System.Diagnostics.CodeAnalysis.ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported
            ? Avx512F.VL.RotateLeft(x, count)
            : Vector128.ShiftLeft(x, count) | Vector128.ShiftRightLogical(x, 32 - count);
}
