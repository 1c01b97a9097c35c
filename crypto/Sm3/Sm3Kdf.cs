using System.Buffers.Binary;

namespace GovChain.Crypto;

/// <summary>The SM3 key derivation function of GB/T 32918.4 §5.4.3: SM3(Z‖ct) for ct = 1, 2, … (32-bit big endian).</summary>
public static class Sm3Kdf
{
    public static void DeriveKey(ReadOnlySpan<byte> sharedSecret, Span<byte> output)
    {
        using var hasher = new Sm3Hasher();
        Span<byte> counter = stackalloc byte[4];
        Span<byte> block = stackalloc byte[Sm3.HashSizeInBytes];
        uint ct = 1;
        for (var offset = 0; offset < output.Length; offset += Sm3.HashSizeInBytes, ct++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(counter, ct);
            hasher.Append(sharedSecret);
            hasher.Append(counter);
            hasher.GetHashAndReset(block);
            var take = Math.Min(Sm3.HashSizeInBytes, output.Length - offset);
            block[..take].CopyTo(output[offset..]);
        }
    }

    public static byte[] DeriveKey(ReadOnlySpan<byte> sharedSecret, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var output = new byte[length];
        DeriveKey(sharedSecret, output);
        return output;
    }
}
