using System.Buffers.Binary;

namespace GovChain.He.Serialization;

/// <summary>Appends little-endian fields of one SEAL object's members.</summary>
internal sealed class SealWriter
{
    private readonly MemoryStream stream = new();

    public void WriteByte(byte value) => stream.WriteByte(value);

    public void WriteUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        stream.Write(b);
    }

    public void WriteDouble(double value) => WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value));

    public void WriteBytes(ReadOnlySpan<byte> bytes) => stream.Write(bytes);

    public void WriteParmsId(ParmsId id)
    {
        Span<byte> b = stackalloc byte[ParmsId.ByteCount];
        id.WriteTo(b);
        stream.Write(b);
    }

    /// <summary>SEAL's DynArray: its own uncompressed header, the element count, then the words.</summary>
    public void WriteDynArray(ReadOnlySpan<ulong> words)
    {
        Span<byte> header = stackalloc byte[SealHeader.ByteCount];
        new SealHeader(ComprMode.None, (ulong)(SealHeader.ByteCount + 8 + (8L * words.Length))).Write(header);
        stream.Write(header);
        WriteUInt64((ulong)words.Length);
        WriteWords(words);
    }

    public void WriteWords(ReadOnlySpan<ulong> words)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words));
            return;
        }

        foreach (var w in words)
        {
            WriteUInt64(w);
        }
    }

    public byte[] ToArray() => stream.ToArray();
}
