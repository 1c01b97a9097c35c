using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace GovChain.Crypto;

/// <summary>Allocation-free SM3 state: the chaining value, a partial block and the length (GB/T 32905 §5).</summary>
internal struct Sm3Core
{
    private StateWords state;
    private BlockBytes pending;
    private int pendingLength;
    private ulong totalBytes;

    public static Sm3Core Create()
    {
        var core = default(Sm3Core);
        core.Reset();
        return core;
    }

    public void Reset()
    {
        state[0] = 0x7380166F;
        state[1] = 0x4914B2B9;
        state[2] = 0x172442D7;
        state[3] = 0xDA8A0600;
        state[4] = 0xA96F30BC;
        state[5] = 0x163138AA;
        state[6] = 0xE38DEE4D;
        state[7] = 0xB0FB0E4E;
        pendingLength = 0;
        totalBytes = 0;
    }

    /// <summary>
    /// SM3 of a whole message at once: the whole blocks, then the padded tail (one or two blocks) in a single
    /// compression call, so a short message such as a Merkle node (65 bytes, two blocks) pays for one call, and its
    /// second block's schedule is interleaved with the first block's rounds.
    /// </summary>
    public static void HashData(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var core = Create();
        var whole = source.Length & ~(Sm3Compression.BlockSizeInBytes - 1);
        if (whole > 0)
        {
            Sm3Compression.Compress(core.state, source[..whole]);
        }

        var rest = source[whole..];
        Span<byte> tail = stackalloc byte[2 * Sm3Compression.BlockSizeInBytes];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length < 56 ? Sm3Compression.BlockSizeInBytes : 2 * Sm3Compression.BlockSizeInBytes;
        tail[(rest.Length + 1)..(tailLength - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)source.Length * 8);
        Sm3Compression.Compress(core.state, tail[..tailLength]);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], core.state[i]);
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        totalBytes += (ulong)data.Length;
        Span<byte> block = pending;
        if (pendingLength > 0)
        {
            var take = Math.Min(Sm3Compression.BlockSizeInBytes - pendingLength, data.Length);
            data[..take].CopyTo(block[pendingLength..]);
            pendingLength += take;
            data = data[take..];
            if (pendingLength < Sm3Compression.BlockSizeInBytes)
            {
                return;
            }

            Sm3Compression.Compress(state, block);
            pendingLength = 0;
        }

        var whole = data.Length & ~(Sm3Compression.BlockSizeInBytes - 1);
        if (whole > 0)
        {
            Sm3Compression.Compress(state, data[..whole]);
        }

        data[whole..].CopyTo(block);
        pendingLength = data.Length - whole;
    }

    /// <summary>Pads, writes the 32-byte digest and resets.</summary>
    public void Finish(Span<byte> destination)
    {
        var bitLength = totalBytes * 8;
        Span<byte> block = pending;
        block[pendingLength++] = 0x80;
        if (pendingLength > 56)
        {
            block[pendingLength..].Clear();
            Sm3Compression.Compress(state, block);
            pendingLength = 0;
        }

        block[pendingLength..56].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], bitLength);
        Sm3Compression.Compress(state, block);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], state[i]);
        }

        Reset();
    }

    [InlineArray(8)]
    private struct StateWords
    {
        private uint element;
    }

    [InlineArray(Sm3Compression.BlockSizeInBytes)]
    private struct BlockBytes
    {
        private byte element;
    }
}
