using System.Buffers.Binary;

namespace GovChain.Ledger.Codec;

/// <summary>Reads <see cref="CanonicalWriter"/> layouts. Every malformed input ends in <see cref="LedgerFormatException"/>.</summary>
public ref struct CanonicalReader
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    private ReadOnlySpan<byte> remaining;

    public CanonicalReader(ReadOnlySpan<byte> data)
    {
        remaining = data;
    }

    public readonly int Remaining => remaining.Length;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool()
    {
        return ReadByte() switch
        {
            0 => false,
            1 => true,
            var other => throw new LedgerFormatException($"boolean byte must be 0 or 1, got {other}"),
        };
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public long ReadInt64() => unchecked((long)ReadUInt64());

    public Hash32 ReadHash() => new(Take(Hash32.Size));

    public ReadOnlySpan<byte> ReadFixed(int length) => Take(length);

    public byte[] ReadBytes(int maxLength) => ReadSpan(maxLength).ToArray();

    /// <summary>A length-prefixed byte string as <see cref="ReadBytes"/> reads it, without copying it out.</summary>
    public ReadOnlySpan<byte> ReadSpan(int maxLength)
    {
        var length = ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw new LedgerFormatException($"byte string of {length} bytes exceeds the limit of {maxLength}");
        }

        return Take((int)length);
    }

    public string ReadString(int maxLength)
    {
        try
        {
            return StrictUtf8.GetString(ReadSpan(maxLength));
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new LedgerFormatException("string is not valid UTF-8", ex);
        }
    }

    /// <summary>A u32 element count, bounded so that garbage cannot request a huge allocation.</summary>
    public int ReadCount(int maxCount)
    {
        var count = ReadUInt32();
        if (count > (uint)maxCount)
        {
            throw new LedgerFormatException($"count {count} exceeds the limit of {maxCount}");
        }

        return (int)count;
    }

    public readonly void EnsureEnd()
    {
        if (!remaining.IsEmpty)
        {
            throw new LedgerFormatException($"{remaining.Length} trailing bytes after the encoded value");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (remaining.Length < count)
        {
            throw new LedgerFormatException($"truncated input: needed {count} bytes, {remaining.Length} left");
        }

        var taken = remaining[..count];
        remaining = remaining[count..];
        return taken;
    }
}
