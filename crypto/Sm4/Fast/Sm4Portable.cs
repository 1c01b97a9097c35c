using System.Buffers.Binary;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>One block at a time with the T-table: the path for CBC encryption, tails, and CPUs without SIMD.</summary>
internal static class Sm4Portable
{
    public static void ProcessBlock(ReadOnlySpan<uint> roundKeys, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var x0 = BinaryPrimitives.ReadUInt32BigEndian(input);
        var x1 = BinaryPrimitives.ReadUInt32BigEndian(input[4..]);
        var x2 = BinaryPrimitives.ReadUInt32BigEndian(input[8..]);
        var x3 = BinaryPrimitives.ReadUInt32BigEndian(input[12..]);
        for (var i = 0; i < 32; i += 4)
        {
            x0 ^= Sm4Tables.T(x1 ^ x2 ^ x3 ^ roundKeys[i]);
            x1 ^= Sm4Tables.T(x2 ^ x3 ^ x0 ^ roundKeys[i + 1]);
            x2 ^= Sm4Tables.T(x3 ^ x0 ^ x1 ^ roundKeys[i + 2]);
            x3 ^= Sm4Tables.T(x0 ^ x1 ^ x2 ^ roundKeys[i + 3]);
        }

        BinaryPrimitives.WriteUInt32BigEndian(output, x3);
        BinaryPrimitives.WriteUInt32BigEndian(output[4..], x2);
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], x1);
        BinaryPrimitives.WriteUInt32BigEndian(output[12..], x0);
    }
}
