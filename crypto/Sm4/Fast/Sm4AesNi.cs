using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>
/// Four blocks at a time with AES-NI. SM4's S-box is affine-equivalent to inversion in GF(2^8), as is AES's, so
/// S(x) = Post(AESENCLAST(InvShiftRows(Pre(x)), 0)) with Pre and Post affine maps over GF(2) applied by nibble table
/// look-ups (PSHUFB). The tables were derived from the field isomorphism and are checked against the S-box at start-up.
/// </summary>
internal static class Sm4AesNi
{
    public const int Blocks = 4;

    public static readonly bool IsSupported = Aes.IsSupported && Ssse3.IsSupported && SelfCheck();

    private static Vector128<byte> PreLow => Vector128.Create((byte)0x3E, 0xB2, 0x0E, 0x82, 0xBB, 0x37, 0x8B, 0x07, 0xA1, 0x2D, 0x91, 0x1D, 0x24, 0xA8, 0x14, 0x98);

    private static Vector128<byte> PreHigh => Vector128.Create((byte)0x00, 0xDC, 0x2E, 0xF2, 0xC5, 0x19, 0xEB, 0x37, 0x08, 0xD4, 0x26, 0xFA, 0xCD, 0x11, 0xE3, 0x3F);

    private static Vector128<byte> PostLow => Vector128.Create((byte)0x6C, 0xD4, 0xA6, 0x1E, 0x52, 0xEA, 0x98, 0x20, 0x0B, 0xB3, 0xC1, 0x79, 0x35, 0x8D, 0xFF, 0x47);

    private static Vector128<byte> PostHigh => Vector128.Create((byte)0x00, 0xE0, 0x50, 0xB0, 0x9D, 0x7D, 0xCD, 0x2D, 0xC0, 0x20, 0x90, 0x70, 0x5D, 0xBD, 0x0D, 0xED);

    private static Vector128<byte> InverseShiftRows => Vector128.Create((byte)0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3);

    public static void Process(ReadOnlySpan<uint> roundKeys, ReadOnlySpan<byte> input, Span<byte> output)
    {
        ref var src = ref Unsafe.As<byte, Vector128<byte>>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(input));
        Sm4Vector128.Load4(Unsafe.Add(ref src, 0), Unsafe.Add(ref src, 1), Unsafe.Add(ref src, 2), Unsafe.Add(ref src, 3), out var x0, out var x1, out var x2, out var x3);
        for (var i = 0; i < 32; i += 4)
        {
            x0 ^= Sm4Vector128.L(SBox(x1 ^ x2 ^ x3 ^ Vector128.Create(roundKeys[i])));
            x1 ^= Sm4Vector128.L(SBox(x2 ^ x3 ^ x0 ^ Vector128.Create(roundKeys[i + 1])));
            x2 ^= Sm4Vector128.L(SBox(x3 ^ x0 ^ x1 ^ Vector128.Create(roundKeys[i + 2])));
            x3 ^= Sm4Vector128.L(SBox(x0 ^ x1 ^ x2 ^ Vector128.Create(roundKeys[i + 3])));
        }

        ref var dst = ref Unsafe.As<byte, Vector128<byte>>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(output));
        Sm4Vector128.Store4(x3, x2, x1, x0, out Unsafe.Add(ref dst, 0), out Unsafe.Add(ref dst, 1), out Unsafe.Add(ref dst, 2), out Unsafe.Add(ref dst, 3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> SBox(Vector128<uint> words)
    {
        var x = words.AsByte();
        var mask = Vector128.Create((byte)0x0F);
        var y = Ssse3.Shuffle(PreLow, x & mask) ^ Ssse3.Shuffle(PreHigh, Sse2.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & mask);
        y = Aes.EncryptLast(Ssse3.Shuffle(y, InverseShiftRows), Vector128<byte>.Zero);
        var z = Ssse3.Shuffle(PostLow, y & mask) ^ Ssse3.Shuffle(PostHigh, Sse2.ShiftRightLogical(y.AsUInt16(), 4).AsByte() & mask);
        return z.AsUInt32();
    }

    private static bool SelfCheck()
    {
        Span<byte> all = stackalloc byte[256];
        for (var i = 0; i < 256; i++)
        {
            all[i] = (byte)i;
        }

        for (var i = 0; i < 256; i += 16)
        {
            var s = SBox(Vector128.Create<byte>(all.Slice(i, 16)).AsUInt32()).AsByte();
            for (var j = 0; j < 16; j++)
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
