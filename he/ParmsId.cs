using System.Buffers.Binary;

namespace GovChain.He;

/// <summary>SEAL's parms_id: the BLAKE2b-256 hash of (scheme, n, coefficient moduli, plain modulus) as 64-bit words.</summary>
public readonly record struct ParmsId(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public const int ByteCount = 32;

    public static ParmsId Zero => default;

    public static ParmsId Read(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(b),
        BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(b[24..]));

    public void WriteTo(Span<byte> b)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(b, W0);
        BinaryPrimitives.WriteUInt64LittleEndian(b[8..], W1);
        BinaryPrimitives.WriteUInt64LittleEndian(b[16..], W2);
        BinaryPrimitives.WriteUInt64LittleEndian(b[24..], W3);
    }

    /// <summary>The four words as SEAL prints them, most significant hex digit first per word.</summary>
    public override string ToString() => $"{W0:x16} {W1:x16} {W2:x16} {W3:x16}";
}
