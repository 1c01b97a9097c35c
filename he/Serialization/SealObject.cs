using System.IO.Compression;

namespace GovChain.He.Serialization;

/// <summary>Frames an object's members with a SEALHeader and (de)compresses them with zlib or zstd as SEAL does.</summary>
internal static class SealObject
{
    /// <summary>Generous cap on inflated size, so a crafted blob cannot exhaust memory.</summary>
    private const long MaxInflatedBytes = 1L << 30;

    public static byte[] Frame(ComprMode mode, SealWriterAction writeMembers)
    {
        var writer = new SealWriter();
        writeMembers(writer);
        var members = writer.ToArray();
        var body = mode switch
        {
            ComprMode.None => members,
            ComprMode.Zlib => Deflate(members),
            ComprMode.Zstd => ZstdCompress(members),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        var result = new byte[SealHeader.ByteCount + body.Length];
        new SealHeader(mode, (ulong)result.Length).Write(result);
        body.CopyTo(result.AsSpan(SealHeader.ByteCount));
        return result;
    }

    /// <summary>Checks the outer header and returns the members, inflated if needed. The blob must end where the header says.</summary>
    public static byte[] Unframe(ReadOnlySpan<byte> blob, string what)
    {
        var header = SealHeader.Read(blob, blob.Length, what);
        if (header.Size != (ulong)blob.Length)
        {
            throw new HeFormatException($"{what}: header declares {header.Size} bytes but the blob has {blob.Length}");
        }

        var body = blob[SealHeader.ByteCount..];
        return header.Compression switch
        {
            ComprMode.None => body.ToArray(),
            ComprMode.Zlib => Inflate(body, what),
            _ => ZstdDecompress(body, what),
        };
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] ZstdCompress(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor();
        return compressor.Wrap(data).ToArray();
    }

    private static byte[] Inflate(ReadOnlySpan<byte> body, string what)
    {
        try
        {
            using var input = new MemoryStream(body.ToArray());
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            return ReadCapped(z, what);
        }
        catch (InvalidDataException e)
        {
            throw new HeFormatException($"{what}: corrupt zlib data", e);
        }
        catch (IOException e)
        {
            // zlib reports some corrupt streams as ZLibException, an IOException (found by the million-mutation soak).
            throw new HeFormatException($"{what}: corrupt zlib data", e);
        }
    }

    private static byte[] ZstdDecompress(ReadOnlySpan<byte> body, string what)
    {
        try
        {
            using var input = new MemoryStream(body.ToArray());
            using var z = new ZstdSharp.DecompressionStream(input);
            return ReadCapped(z, what);
        }
        catch (ZstdSharp.ZstdException e)
        {
            throw new HeFormatException($"{what}: corrupt zstd data", e);
        }
        catch (IOException e)
        {
            throw new HeFormatException($"{what}: corrupt zstd data", e);
        }
    }

    private static byte[] ReadCapped(Stream source, string what)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxInflatedBytes)
            {
                throw new HeFormatException($"{what}: inflates beyond {MaxInflatedBytes} bytes");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}

internal delegate void SealWriterAction(SealWriter writer);
