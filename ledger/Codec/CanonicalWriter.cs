using System.Buffers;
using System.Buffers.Binary;

namespace GovChain.Ledger.Codec;

/// <summary>
/// Writes the canonical byte layout used for everything that is hashed or signed: fixed-width big-endian integers,
/// u32-length-prefixed byte strings, fields in declaration order. One value has exactly one encoding.
/// </summary>
public sealed class CanonicalWriter
{
    // A thread's spare writer for encodings that end in a copy (Rent … ToArray … Return): records are encoded on
    // every commit, and a fresh writer regrows its buffer for each one. Larger buffers are not kept.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static CanonicalWriter? spare;

    private readonly ArrayBufferWriter<byte> buffer;

    public CanonicalWriter(int initialCapacity = 256)
    {
        buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public ReadOnlySpan<byte> WrittenSpan => buffer.WrittenSpan;

    /// <summary>Bytes the writer holds without growing.</summary>
    public int Capacity => buffer.Capacity;

    /// <summary>Forgets what was written and keeps the buffer (its old bytes are overwritten, not cleared).</summary>
    public void Reset() => buffer.ResetWrittenCount();

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    /// <summary>An empty writer, this thread's spare if it has one; give it back with <see cref="Return"/> once its
    /// bytes are copied out. A nested rent on the same thread gets a new writer.</summary>
    public static CanonicalWriter Rent()
    {
        var writer = spare ?? new CanonicalWriter(1024);
        spare = null;
        return writer;
    }

    /// <summary>The written bytes, copied out, and this writer made the thread's spare (see <see cref="Return"/>).</summary>
    public byte[] ToArrayAndReturn()
    {
        var bytes = ToArray();
        Return();
        return bytes;
    }

    /// <summary>Makes this writer the thread's spare; nothing written to it may be used afterwards.</summary>
    public void Return()
    {
        if (buffer.Capacity <= MaxKeptCapacity)
        {
            Reset();
            spare = this;
        }
    }

    public void WriteByte(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer.GetSpan(2), value);
        buffer.Advance(2);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public void WriteInt64(long value) => WriteUInt64(unchecked((ulong)value));

    public void WriteHash(Hash32 value)
    {
        value.CopyTo(buffer.GetSpan(Hash32.Size));
        buffer.Advance(Hash32.Size);
    }

    /// <summary>Bytes whose length the layout fixes (no prefix).</summary>
    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        // One GetSpan of the full length: the buffer grows once instead of segment by segment.
        value.CopyTo(buffer.GetSpan(value.Length));
        buffer.Advance(value.Length);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteFixed(value);
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)length);
        buffer.Advance(System.Text.Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }
}
