using System.Buffers.Binary;
using System.Text;

namespace GovChain.CreditService.Data;

/// <summary>
/// The canonical bytes of a record: version 1, then subject, category, the numeric fields and the text fields, each
/// list sorted by ordinal field name. Strings are a 16-bit big-endian length and UTF-8; numbers are 64-bit big endian.
/// </summary>
internal static class SubjectRecordCodec
{
    private const byte Version = 1;

    public static byte[] Encode(SubjectRecord record)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(Version);
        WriteString(buffer, record.SubjectId);
        WriteString(buffer, record.Category);
        WriteCount(buffer, record.Values.Count);
        Span<byte> number = stackalloc byte[8];
        foreach (var (name, value) in record.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            WriteString(buffer, name);
            BinaryPrimitives.WriteInt64BigEndian(number, value);
            buffer.Write(number);
        }

        WriteCount(buffer, record.Texts.Count);
        foreach (var (name, value) in record.Texts.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            WriteString(buffer, name);
            WriteString(buffer, value);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes canonical bytes; anything else throws <see cref="FormatException"/>.</summary>
    public static SubjectRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        if (reader.Byte() != Version)
        {
            throw new FormatException("unknown record version");
        }

        var subject = reader.String();
        var category = reader.String();
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var n = reader.Count(); n > 0; n--)
        {
            values.Add(reader.String(), reader.Int64());
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = reader.Count(); n > 0; n--)
        {
            texts.Add(reader.String(), reader.String());
        }

        return reader.AtEnd ? new SubjectRecord(subject, category, values) { Texts = texts } : throw new FormatException("trailing bytes");
    }

    private static void WriteCount(Stream buffer, int count)
    {
        Span<byte> prefix = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, checked((ushort)count));
        buffer.Write(prefix);
    }

    private static void WriteString(Stream buffer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteCount(buffer, bytes.Length);
        buffer.Write(bytes);
    }

    private ref struct Reader
    {
        private ReadOnlySpan<byte> _rest;

        public Reader(ReadOnlySpan<byte> bytes) => _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public byte Byte() => Take(1)[0];

        public int Count() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public string String() => Encoding.UTF8.GetString(Take(Count()));

        private ReadOnlySpan<byte> Take(int length)
        {
            if (_rest.Length < length)
            {
                throw new FormatException("truncated record");
            }

            var taken = _rest[..length];
            _rest = _rest[length..];
            return taken;
        }
    }
}
