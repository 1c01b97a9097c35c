using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>Shared 128-bit helpers: the 4×4 word transpose between blocks and word-sliced state, and the linear map L.</summary>
internal static class Sm4Vector128
{
    /// <summary>Reverses the bytes of each 32-bit word (SM4 words are big-endian).</summary>
    private static Vector128<byte> ByteSwapWords => Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load4(Vector128<byte> b0, Vector128<byte> b1, Vector128<byte> b2, Vector128<byte> b3, out Vector128<uint> x0, out Vector128<uint> x1, out Vector128<uint> x2, out Vector128<uint> x3)
    {
        var swap = ByteSwapWords;
        Transpose(Ssse3.Shuffle(b0, swap).AsUInt32(), Ssse3.Shuffle(b1, swap).AsUInt32(), Ssse3.Shuffle(b2, swap).AsUInt32(), Ssse3.Shuffle(b3, swap).AsUInt32(), out x0, out x1, out x2, out x3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store4(Vector128<uint> y0, Vector128<uint> y1, Vector128<uint> y2, Vector128<uint> y3, out Vector128<byte> b0, out Vector128<byte> b1, out Vector128<byte> b2, out Vector128<byte> b3)
    {
        Transpose(y0, y1, y2, y3, out var t0, out var t1, out var t2, out var t3);
        var swap = ByteSwapWords;
        b0 = Ssse3.Shuffle(t0.AsByte(), swap);
        b1 = Ssse3.Shuffle(t1.AsByte(), swap);
        b2 = Ssse3.Shuffle(t2.AsByte(), swap);
        b3 = Ssse3.Shuffle(t3.AsByte(), swap);
    }

    /// <summary>L(B) = B ⊕ (B ⋘ 2) ⊕ (B ⋘ 10) ⊕ (B ⋘ 18) ⊕ (B ⋘ 24), lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> L(Vector128<uint> b) =>
        b ^ (b << 2) ^ (b >>> 30) ^ (b << 10) ^ (b >>> 22) ^ (b << 18) ^ (b >>> 14) ^ (b << 24) ^ (b >>> 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d, out Vector128<uint> w0, out Vector128<uint> w1, out Vector128<uint> w2, out Vector128<uint> w3)
    {
        var t0 = Sse2.UnpackLow(a, b).AsUInt64();
        var t1 = Sse2.UnpackLow(c, d).AsUInt64();
        var t2 = Sse2.UnpackHigh(a, b).AsUInt64();
        var t3 = Sse2.UnpackHigh(c, d).AsUInt64();
        w0 = Sse2.UnpackLow(t0, t1).AsUInt32();
        w1 = Sse2.UnpackHigh(t0, t1).AsUInt32();
        w2 = Sse2.UnpackLow(t2, t3).AsUInt32();
        w3 = Sse2.UnpackHigh(t2, t3).AsUInt32();
    }
}
