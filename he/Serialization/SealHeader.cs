using System.Buffers.Binary;

namespace GovChain.He.Serialization;

/// <summary>
/// SEAL's 16-byte SEALHeader: magic 0xA15E, header size 16, version 4.1, compression mode, two reserved bytes,
/// and the total byte count of the object including this header (all little-endian).
/// </summary>
internal readonly record struct SealHeader(ComprMode Compression, ulong Size)
{
    public const int ByteCount = 16;
    public const ushort Magic = 0xA15E;
    public const byte VersionMajor = 4;
    public const byte VersionMinor = 1;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Magic);
        destination[2] = ByteCount;
        destination[3] = VersionMajor;
        destination[4] = VersionMinor;
        destination[5] = (byte)Compression;
        destination[6] = 0;
        destination[7] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Size);
    }

    /// <summary>Parses and checks a header; <paramref name="available"/> is how many bytes the blob still holds.</summary>
    public static SealHeader Read(ReadOnlySpan<byte> source, long available, string what)
    {
        if (source.Length < ByteCount)
        {
            throw new HeFormatException($"{what}: truncated SEAL header ({source.Length} of {ByteCount} bytes)");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(source) != Magic)
        {
            throw new HeFormatException($"{what}: bad magic, not a SEAL object");
        }

        if (source[2] != ByteCount)
        {
            throw new HeFormatException($"{what}: header size {source[2]} is not {ByteCount}");
        }

        if (source[3] != VersionMajor)
        {
            throw new HeFormatException($"{what}: SEAL version {source[3]}.{source[4]} is not 4.x");
        }

        if (source[5] > (byte)ComprMode.Zstd)
        {
            throw new HeFormatException($"{what}: unknown compression mode {source[5]}");
        }

        if (source[6] != 0 || source[7] != 0)
        {
            throw new HeFormatException($"{what}: reserved header bytes are not zero");
        }

        var size = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]);
        if (size < ByteCount || size > (ulong)available)
        {
            throw new HeFormatException($"{what}: declared size {size} does not fit the {available} bytes available");
        }

        return new SealHeader((ComprMode)source[5], size);
    }
}
