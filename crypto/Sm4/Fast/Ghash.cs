using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>
/// GHASH (NIST SP 800-38D) with PCLMULQDQ: blocks are byte-reversed into integer order, multiplied carry-less, shifted
/// left one bit for GCM's reflected convention, and reduced modulo x^128 + x^7 + x^2 + x + 1.
/// </summary>
internal struct Ghash
{
    private readonly Vector128<byte> h;
    private Vector128<byte> x;

    public Ghash(ReadOnlySpan<byte> hashKey)
    {
        h = Reverse(Vector128.Create(hashKey));
        x = Vector128<byte>.Zero;
    }

    public static bool IsSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    private static Vector128<byte> ReverseMask => Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    /// <summary>Absorbs data as 16-byte blocks, zero-padding the last partial one.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        var acc = x;
        var key = h;
        var offset = 0;
        for (; offset + 16 <= data.Length; offset += 16)
        {
            acc = Multiply(acc ^ Reverse(Vector128.Create(data.Slice(offset, 16))), key);
        }

        if (offset < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data[offset..].CopyTo(last);
            acc = Multiply(acc ^ Reverse(Vector128.Create<byte>(last)), key);
        }

        x = acc;
    }

    /// <summary>Absorbs len(A)‖len(C) in bits and writes the 16-byte result.</summary>
    public void Finish(ulong associatedBytes, ulong ciphertextBytes, Span<byte> destination)
    {
        Span<byte> lengths = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(lengths, associatedBytes * 8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], ciphertextBytes * 8);
        Update(lengths);
        Reverse(x).CopyTo(destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Reverse(Vector128<byte> v) => Ssse3.Shuffle(v, ReverseMask);

    /// <summary>a·b in GF(2^128) for byte-reversed operands (Gueron and Kounavis, Intel white paper, algorithm 1 with reduction).</summary>
    private static Vector128<byte> Multiply(Vector128<byte> av, Vector128<byte> bv)
    {
        var a = av.AsUInt64();
        var b = bv.AsUInt64();
        var lo = Pclmulqdq.CarrylessMultiply(a, b, 0x00).AsUInt32();
        var mid = (Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01)).AsByte();
        var hi = Pclmulqdq.CarrylessMultiply(a, b, 0x11).AsUInt32();
        lo ^= Sse2.ShiftLeftLogical128BitLane(mid, 8).AsUInt32();
        hi ^= Sse2.ShiftRightLogical128BitLane(mid, 8).AsUInt32();

        // Shift the 256-bit product hi:lo left by one bit.
        var loCarry = Sse2.ShiftRightLogical(lo, 31);
        var hiCarry = Sse2.ShiftRightLogical(hi, 31);
        lo = Sse2.ShiftLeftLogical(lo, 1);
        hi = Sse2.ShiftLeftLogical(hi, 1);
        var crossCarry = Sse2.ShiftRightLogical128BitLane(loCarry.AsByte(), 12).AsUInt32();
        hiCarry = Sse2.ShiftLeftLogical128BitLane(hiCarry.AsByte(), 4).AsUInt32();
        loCarry = Sse2.ShiftLeftLogical128BitLane(loCarry.AsByte(), 4).AsUInt32();
        lo |= loCarry;
        hi |= hiCarry | crossCarry;

        // Reduce modulo x^128 + x^7 + x^2 + x + 1.
        var t = Sse2.ShiftLeftLogical(lo, 31) ^ Sse2.ShiftLeftLogical(lo, 30) ^ Sse2.ShiftLeftLogical(lo, 25);
        var tHigh = Sse2.ShiftRightLogical128BitLane(t.AsByte(), 4).AsUInt32();
        lo ^= Sse2.ShiftLeftLogical128BitLane(t.AsByte(), 12).AsUInt32();
        var u = Sse2.ShiftRightLogical(lo, 1) ^ Sse2.ShiftRightLogical(lo, 2) ^ Sse2.ShiftRightLogical(lo, 7) ^ tHigh;
        lo ^= u;
        return (hi ^ lo).AsByte();
    }
}
