namespace GovChain.Crypto.Sm4Fast;

/// <summary>PKCS#7 padding for 16-byte blocks.</summary>
internal static class Sm4Padding
{
    /// <summary>Returns a new buffer: the input followed by 1 to 16 padding bytes.</summary>
    public static byte[] Pad(ReadOnlySpan<byte> input)
    {
        var pad = 16 - (input.Length % 16);
        var output = new byte[input.Length + pad];
        input.CopyTo(output);
        output.AsSpan(input.Length).Fill((byte)pad);
        return output;
    }

    /// <summary>Checks the padding without branching on the padding bytes, then strips it; a bad pad wipes the buffer.</summary>
    public static byte[] Unpad(byte[] padded)
    {
        var pad = padded[^1];
        var bad = (pad - 1) >> 31 | (16 - pad) >> 31; // pad == 0 or pad > 16
        for (var i = 1; i <= 16; i++)
        {
            // Only the last `pad` bytes must equal pad; the mask is all ones for those positions.
            var inPad = (i - pad - 1) >> 31;
            bad |= inPad & ((padded[^i] ^ pad) + 0xFF) >> 8;
        }

        if (bad != 0)
        {
            Array.Clear(padded);
            throw new CryptoAuthenticationException("SM4: bad PKCS#7 padding (wrong key, IV or corrupted ciphertext)");
        }

        return padded.AsSpan(0, padded.Length - pad).ToArray();
    }
}
