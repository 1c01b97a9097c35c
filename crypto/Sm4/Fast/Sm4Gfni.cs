using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>
/// Eight blocks at a time with GFNI on 256-bit vectors: S(x) = Post·inv(Pre·x ⊕ c1) ⊕ c2 is exactly one
/// GF2P8AFFINEQB and one GF2P8AFFINEINVQB, with the matrices derived from the field isomorphism (checked at start-up).
/// </summary>
internal static class Sm4Gfni
{
    public const int Blocks = 8;

    private const ulong PreMatrix = 0x4C287DB91A22505DUL;
    private const byte PreConstant = 0x3E;
    private const ulong PostMatrix = 0xF3AB34A974A6B589UL;
    private const byte PostConstant = 0xD3;

    public static readonly bool IsSupported = Gfni.V256.IsSupported && Avx2.IsSupported && SelfCheck();

    private static Vector256<byte> ByteSwapWords => Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    public static void Process(ReadOnlySpan<uint> roundKeys, ReadOnlySpan<byte> input, Span<byte> output)
    {
        ref var src = ref Unsafe.As<byte, Vector256<byte>>(ref MemoryMarshal.GetReference(input));
        var swap = ByteSwapWords;
        Transpose(
            Avx2.Shuffle(Unsafe.Add(ref src, 0), swap).AsUInt32(),
            Avx2.Shuffle(Unsafe.Add(ref src, 1), swap).AsUInt32(),
            Avx2.Shuffle(Unsafe.Add(ref src, 2), swap).AsUInt32(),
            Avx2.Shuffle(Unsafe.Add(ref src, 3), swap).AsUInt32(),
            out var x0, out var x1, out var x2, out var x3);
        for (var i = 0; i < 32; i += 4)
        {
            x0 ^= L(SBox(x1 ^ x2 ^ x3 ^ Vector256.Create(roundKeys[i])));
            x1 ^= L(SBox(x2 ^ x3 ^ x0 ^ Vector256.Create(roundKeys[i + 1])));
            x2 ^= L(SBox(x3 ^ x0 ^ x1 ^ Vector256.Create(roundKeys[i + 2])));
            x3 ^= L(SBox(x0 ^ x1 ^ x2 ^ Vector256.Create(roundKeys[i + 3])));
        }

        Transpose(x3, x2, x1, x0, out var y0, out var y1, out var y2, out var y3);
        ref var dst = ref Unsafe.As<byte, Vector256<byte>>(ref MemoryMarshal.GetReference(output));
        Unsafe.Add(ref dst, 0) = Avx2.Shuffle(y0.AsByte(), swap);
        Unsafe.Add(ref dst, 1) = Avx2.Shuffle(y1.AsByte(), swap);
        Unsafe.Add(ref dst, 2) = Avx2.Shuffle(y2.AsByte(), swap);
        Unsafe.Add(ref dst, 3) = Avx2.Shuffle(y3.AsByte(), swap);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SBox(Vector256<uint> words)
    {
        var y = Gfni.V256.GaloisFieldAffineTransform(words.AsByte(), Vector256.Create(PreMatrix).AsByte(), PreConstant);
        return Gfni.V256.GaloisFieldAffineTransformInverse(y, Vector256.Create(PostMatrix).AsByte(), PostConstant).AsUInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> L(Vector256<uint> b) =>
        b ^ (b << 2) ^ (b >>> 30) ^ (b << 10) ^ (b >>> 22) ^ (b << 18) ^ (b >>> 14) ^ (b << 24) ^ (b >>> 8);

    /// <summary>4×4 word transpose inside each 128-bit lane: lane 0 holds blocks 0, 2, 4, 6 and lane 1 blocks 1, 3, 5, 7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c, Vector256<uint> d, out Vector256<uint> w0, out Vector256<uint> w1, out Vector256<uint> w2, out Vector256<uint> w3)
    {
        var t0 = Avx2.UnpackLow(a, b).AsUInt64();
        var t1 = Avx2.UnpackLow(c, d).AsUInt64();
        var t2 = Avx2.UnpackHigh(a, b).AsUInt64();
        var t3 = Avx2.UnpackHigh(c, d).AsUInt64();
        w0 = Avx2.UnpackLow(t0, t1).AsUInt32();
        w1 = Avx2.UnpackHigh(t0, t1).AsUInt32();
        w2 = Avx2.UnpackLow(t2, t3).AsUInt32();
        w3 = Avx2.UnpackHigh(t2, t3).AsUInt32();
    }

    private static bool SelfCheck()
    {
        Span<byte> all = stackalloc byte[256];
        for (var i = 0; i < 256; i++)
        {
            all[i] = (byte)i;
        }

        for (var i = 0; i < 256; i += 32)
        {
            var s = SBox(Vector256.Create<byte>(all.Slice(i, 32)).AsUInt32()).AsByte();
            for (var j = 0; j < 32; j++)
            {
                if (s.GetElement(j) != Sm4Tables.SBox[i + j])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
