using System.Buffers.Binary;

namespace GovChain.He.Hashing;

/// <summary>BLAKE2Xb extendable output (the construction SEAL's default PRNG refills its buffer with).</summary>
internal static class Blake2xb
{
    public static void Hash(ReadOnlySpan<byte> input, ReadOnlySpan<byte> key, Span<byte> output)
    {
        var total = (uint)output.Length;
        Span<byte> p = stackalloc byte[64];
        p.Clear();
        p[0] = 64;
        p[1] = (byte)key.Length;
        p[2] = 1;
        p[3] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(p[12..], total);
        var root = new Blake2b(p, key);
        root.Update(input);
        Span<byte> h0 = stackalloc byte[64];
        root.Final(h0);

        // Each output node hashes the 64-byte root once: a single compression of one padded block.
        Span<byte> block = stackalloc byte[128];
        block.Clear();
        h0.CopyTo(block);
        Span<ulong> state = stackalloc ulong[8];
        Span<byte> digest = stackalloc byte[64];
        for (uint i = 0; (long)i * 64 < output.Length; i++)
        {
            var chunk = output.Slice((int)(i * 64), Math.Min(64, output.Length - (int)(i * 64)));
            p.Clear();
            p[0] = (byte)chunk.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(p[4..], 64);
            BinaryPrimitives.WriteUInt32LittleEndian(p[8..], i);
            BinaryPrimitives.WriteUInt32LittleEndian(p[12..], total);
            p[17] = 64;
            Blake2b.Initialize(state, p);
            Blake2b.Compress(state, block, 64, last: true);
            for (var w = 0; w < 8; w++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(digest[(8 * w)..], state[w]);
            }

            digest[..chunk.Length].CopyTo(chunk);
        }
    }
}
