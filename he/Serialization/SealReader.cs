using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GovChain.He.Serialization;

/// <summary>Reads one SEAL object's members, refusing to run past the end with a clear reason.</summary>
internal ref struct SealReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly string what;
    private int position;

    public SealReader(ReadOnlySpan<byte> data, string what)
    {
        this.data = data;
        this.what = what;
        position = 0;
    }

    public readonly int Remaining => data.Length - position;

    public byte ReadByte() => Take(1)[0];

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BitConverter.Int64BitsToDouble((long)ReadUInt64());

    public ParmsId ReadParmsId() => ParmsId.Read(Take(ParmsId.ByteCount));

    /// <summary>A nested SEAL object (DynArray, Modulus, PRNG info): the bytes between its header and its end.</summary>
    public ReadOnlySpan<byte> ReadNested(string nestedWhat, out ComprMode compression)
    {
        var rest = data[position..];
        var header = SealHeader.Read(rest, rest.Length, $"{what}/{nestedWhat}");
        compression = header.Compression;
        position += (int)header.Size;
        return rest[SealHeader.ByteCount..(int)header.Size];
    }

    /// <summary>A whole nested SEAL object, header included, to hand to that object's own loader.</summary>
    public ReadOnlySpan<byte> ReadObject(string nestedWhat)
    {
        var rest = data[position..];
        var header = SealHeader.Read(rest, rest.Length, $"{what}/{nestedWhat}");
        position += (int)header.Size;
        return rest[..(int)header.Size];
    }

    /// <summary>A DynArray of exactly <paramref name="expected"/> words.</summary>
    public ulong[] ReadDynArray(long expected)
    {
        var body = ReadNested("data", out var compression);
        if (compression != ComprMode.None)
        {
            throw new HeFormatException($"{what}: nested data must not be compressed");
        }

        var inner = new SealReader(body, what + "/data");
        var count = inner.ReadUInt64();
        if (count != (ulong)expected)
        {
            throw new HeFormatException($"{what}: holds {count} coefficients, expected {expected}");
        }

        var words = new ulong[expected];
        var bytes = inner.Take(checked((int)expected * 8));
        bytes.CopyTo(MemoryMarshal.AsBytes(words.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = BinaryPrimitives.ReverseEndianness(words[i]);
            }
        }

        inner.ExpectEnd();
        return words;
    }

    public readonly void ExpectEnd()
    {
        if (position != data.Length)
        {
            throw new HeFormatException($"{what}: {data.Length - position} unexpected trailing bytes");
        }
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > data.Length - position)
        {
            throw new HeFormatException($"{what}: truncated (needs {count} more bytes, {data.Length - position} left)");
        }

        var s = data.Slice(position, count);
        position += count;
        return s;
    }
}
