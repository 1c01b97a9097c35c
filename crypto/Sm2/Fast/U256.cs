using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto.Sm2Fast;

/// <summary>A 256-bit value as four 64-bit limbs, least significant first. Field elements keep it in Montgomery form.</summary>
internal struct U256
{
    public ulong L0;
    public ulong L1;
    public ulong L2;
    public ulong L3;

    public U256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public readonly bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public static U256 FromBigEndian(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes));

    public readonly void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], L0);
    }

    public readonly bool Equals(in U256 other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    /// <summary>Variable time: only for public values.</summary>
    public readonly int CompareTo(in U256 other) =>
        L3 != other.L3 ? L3.CompareTo(other.L3) :
        L2 != other.L2 ? L2.CompareTo(other.L2) :
        L1 != other.L1 ? L1.CompareTo(other.L1) : L0.CompareTo(other.L0);

    /// <summary>4-bit window <paramref name="index"/> (0 = least significant).</summary>
    public readonly uint Nibble(int index) => (uint)((index >> 4) switch
    {
        0 => L0 >> (4 * index),
        1 => L1 >> (4 * (index - 16)),
        2 => L2 >> (4 * (index - 32)),
        _ => L3 >> (4 * (index - 48)),
    }) & 0xF;

    /// <summary>a + b, returning the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(in U256 a, in U256 b, out U256 r)
    {
        ulong c;
        r.L0 = AddCarry(a.L0, b.L0, 0, out c);
        r.L1 = AddCarry(a.L1, b.L1, c, out c);
        r.L2 = AddCarry(a.L2, b.L2, c, out c);
        r.L3 = AddCarry(a.L3, b.L3, c, out c);
        return c;
    }

    /// <summary>a - b, returning the borrow out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sub(in U256 a, in U256 b, out U256 r)
    {
        ulong c;
        r.L0 = SubBorrow(a.L0, b.L0, 0, out c);
        r.L1 = SubBorrow(a.L1, b.L1, c, out c);
        r.L2 = SubBorrow(a.L2, b.L2, c, out c);
        r.L3 = SubBorrow(a.L3, b.L3, c, out c);
        return c;
    }

    /// <summary>Constant-time select: mask all ones picks <paramref name="a"/>, zero picks <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Select(ulong mask, in U256 a, in U256 b, out U256 r)
    {
        r.L0 = (a.L0 & mask) | (b.L0 & ~mask);
        r.L1 = (a.L1 & mask) | (b.L1 & ~mask);
        r.L2 = (a.L2 & mask) | (b.L2 & ~mask);
        r.L3 = (a.L3 & mask) | (b.L3 & ~mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddCarry(ulong a, ulong b, ulong carryIn, out ulong carryOut)
    {
        var s = a + b;
        var c1 = s < a ? 1UL : 0UL;
        var r = s + carryIn;
        carryOut = c1 | (r < s ? 1UL : 0UL);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubBorrow(ulong a, ulong b, ulong borrowIn, out ulong borrowOut)
    {
        var d = a - b;
        var b1 = a < b ? 1UL : 0UL;
        var r = d - borrowIn;
        borrowOut = b1 | (d < borrowIn ? 1UL : 0UL);
        return r;
    }

    /// <summary>The high half of a·b: MULX where the CPU has BMI2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulHigh(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
}
