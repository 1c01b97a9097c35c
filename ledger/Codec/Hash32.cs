using System.Buffers.Binary;
using GovChain.Crypto;

namespace GovChain.Ledger.Codec;

/// <summary>A 32-byte SM3 digest used as an identifier (block hash, transaction hash). Value-equal and cheap to copy.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    public const int Size = 32;

    private readonly ulong a;
    private readonly ulong b;
    private readonly ulong c;
    private readonly ulong d;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new LedgerFormatException($"a hash is {Size} bytes, got {bytes.Length}");
        }

        a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public static Hash32 Zero => default;

    public bool IsZero => (a | b | c | d) == 0;

    /// <summary>SM3 of <paramref name="data"/>.</summary>
    public static Hash32 Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        Sm3.HashData(data, digest);
        return new Hash32(digest);
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public bool Equals(Hash32 other) => a == other.a && b == other.b && c == other.c && d == other.d;

    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    // The digest is already uniform; folding it keeps hashing deterministic across processes.
    public override int GetHashCode() => (int)(a ^ (a >> 32) ^ d);

    public int CompareTo(Hash32 other)
    {
        var cmp = a.CompareTo(other.a);
        if (cmp != 0)
        {
            return cmp;
        }

        cmp = b.CompareTo(other.b);
        if (cmp != 0)
        {
            return cmp;
        }

        cmp = c.CompareTo(other.c);
        return cmp != 0 ? cmp : d.CompareTo(other.d);
    }

    public override string ToString() => Convert.ToHexStringLower(ToArray());

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;
}
