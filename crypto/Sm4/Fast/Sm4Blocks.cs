namespace GovChain.Crypto.Sm4Fast;

/// <summary>SM4 over many independent blocks (ECB, CTR keystream, CBC decryption): the widest SIMD kernel this CPU has.</summary>
internal static class Sm4Blocks
{
    /// <summary>Processes input.Length / 16 blocks; input and output may be the same buffer.</summary>
    public static void Process(ReadOnlySpan<uint> roundKeys, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var offset = 0;
        var length = input.Length & ~15;
        if (Sm4Gfni.IsSupported)
        {
            for (; offset + (16 * Sm4Gfni.Blocks) <= length; offset += 16 * Sm4Gfni.Blocks)
            {
                Sm4Gfni.Process(roundKeys, input[offset..], output[offset..]);
            }
        }

        if (Sm4AesNi.IsSupported)
        {
            for (; offset + (16 * Sm4AesNi.Blocks) <= length; offset += 16 * Sm4AesNi.Blocks)
            {
                Sm4AesNi.Process(roundKeys, input[offset..], output[offset..]);
            }
        }

        for (; offset < length; offset += 16)
        {
            Sm4Portable.ProcessBlock(roundKeys, input[offset..], output[offset..]);
        }
    }
}
