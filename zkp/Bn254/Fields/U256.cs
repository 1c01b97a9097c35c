using System.Numerics;
using System.Runtime.CompilerServices;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>A 256-bit unsigned integer as four little-endian 64-bit limbs; the storage of Fp and Fr.</summary>
internal readonly struct U256 : IEquatable<U256>
{
    public readonly ulong L0;
    public readonly ulong L1;
    public readonly ulong L2;
    public readonly ulong L3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public U256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public bool Bit(int i) => ((i >> 6) switch { 0 => L0, 1 => L1, 2 => L2, _ => L3 } >> (i & 63) & 1) != 0;

    public int BitLength => L3 != 0 ? 256 - BitOperations.LeadingZeroCount(L3)
        : L2 != 0 ? 192 - BitOperations.LeadingZeroCount(L2)
        : L1 != 0 ? 128 - BitOperations.LeadingZeroCount(L1)
        : 64 - BitOperations.LeadingZeroCount(L0);

    /// <summary>True when this is less than <paramref name="other"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool LessThan(in U256 other)
    {
        if (L3 != other.L3)
        {
            return L3 < other.L3;
        }

        if (L2 != other.L2)
        {
            return L2 < other.L2;
        }

        return L1 != other.L1 ? L1 < other.L1 : L0 < other.L0;
    }

    public static U256 FromBigInteger(BigInteger v)
    {
        if (v.Sign < 0 || v.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(v), "not a 256-bit unsigned integer");
        }

        Span<byte> b = stackalloc byte[32];
        b.Clear();
        v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return FromLittleEndian(b);
    }

    public static U256 FromLittleEndian(ReadOnlySpan<byte> b32) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b32),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b32[8..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b32[16..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b32[24..]));

    public void WriteLittleEndian(Span<byte> b32)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b32, L0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b32[8..], L1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b32[16..], L2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b32[24..], L3);
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> b = stackalloc byte[32];
        WriteLittleEndian(b);
        return new BigInteger(b, isUnsigned: true, isBigEndian: false);
    }

    public bool Equals(U256 other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    public override bool Equals(object? obj) => obj is U256 o && Equals(o);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
}
