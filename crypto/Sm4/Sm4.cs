using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;
using GovChain.Crypto.Sm4Fast;

namespace GovChain.Crypto;

/// <summary>SM4 (GB/T 32907-2016) in ECB and CBC with PKCS#7 padding, and CTR. GCM lives in <see cref="Sm4Gcm"/>.</summary>
public static class Sm4
{
    public const int KeySizeInBytes = 16;
    public const int BlockSizeInBytes = 16;

    /// <summary>One raw block, no padding: for the standard's single-block vectors.</summary>
    public static void EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        CheckKey(key);
        if (input.Length != BlockSizeInBytes || output.Length < BlockSizeInBytes)
        {
            throw new CryptoInputException("SM4 block must be exactly 16 bytes");
        }

        if (CryptoFastPath.Enabled)
        {
            using var fast = new Sm4FastCipher(key);
            fast.EncryptBlocks(input, output);
            return;
        }

        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        engine.ProcessBlock(input, output);
    }

    public static byte[] EncryptEcb(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext)
    {
        var parameters = Key(key);
        if (CryptoFastPath.Enabled)
        {
            using var fast = new Sm4FastCipher(key);
            var output = Sm4Padding.Pad(plaintext);
            fast.EncryptBlocks(output, output);
            return output;
        }

        return RunPadded(new PaddedBufferedBlockCipher(new SM4Engine(), new Pkcs7Padding()), true, parameters, plaintext);
    }

    public static byte[] DecryptEcb(ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext)
    {
        var parameters = Key(key);
        CheckPaddedCiphertext(ciphertext);
        if (CryptoFastPath.Enabled)
        {
            using var fast = new Sm4FastCipher(key);
            var output = new byte[ciphertext.Length];
            fast.DecryptBlocks(ciphertext, output);
            return Sm4Padding.Unpad(output);
        }

        return RunPadded(new PaddedBufferedBlockCipher(new SM4Engine(), new Pkcs7Padding()), false, parameters, ciphertext);
    }

    public static byte[] EncryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        var parameters = KeyIv(key, iv);
        if (CryptoFastPath.Enabled)
        {
            using var fast = new Sm4FastCipher(key);
            var output = Sm4Padding.Pad(plaintext);
            fast.EncryptCbc(iv, output, output);
            return output;
        }

        return RunPadded(new PaddedBufferedBlockCipher(new CbcBlockCipher(new SM4Engine()), new Pkcs7Padding()), true, parameters, plaintext);
    }

    public static byte[] DecryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        var parameters = KeyIv(key, iv);
        CheckPaddedCiphertext(ciphertext);
        if (CryptoFastPath.Enabled)
        {
            using var fast = new Sm4FastCipher(key);
            var output = new byte[ciphertext.Length];
            fast.DecryptCbc(iv, ciphertext, output);
            return Sm4Padding.Unpad(output);
        }

        return RunPadded(new PaddedBufferedBlockCipher(new CbcBlockCipher(new SM4Engine()), new Pkcs7Padding()), false, parameters, ciphertext);
    }

    /// <summary>CTR with <paramref name="counterBlock"/> as the first 128-bit big-endian counter; encryption and decryption are the same.</summary>
    public static byte[] TransformCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> counterBlock, ReadOnlySpan<byte> input)
    {
        var parameters = KeyIv(key, counterBlock);
        if (CryptoFastPath.Enabled)
        {
            using var fast = new Sm4FastCipher(key);
            var result = new byte[input.Length];
            fast.TransformCtr(counterBlock, input, result);
            return result;
        }

        var cipher = new BufferedBlockCipher(new SicBlockCipher(new SM4Engine()));
        cipher.Init(true, parameters);
        var output = new byte[input.Length];
        var n = cipher.ProcessBytes(input, output);
        cipher.DoFinal(output.AsSpan(n));
        return output;
    }

    internal static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new CryptoInputException($"SM4 key must be 16 bytes, got {key.Length}");
        }
    }

    private static KeyParameter Key(ReadOnlySpan<byte> key)
    {
        CheckKey(key);
        return new KeyParameter(key);
    }

    private static ParametersWithIV KeyIv(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        var k = Key(key);
        if (iv.Length != BlockSizeInBytes)
        {
            throw new CryptoInputException($"SM4 IV must be 16 bytes, got {iv.Length}");
        }

        return new ParametersWithIV(k, iv);
    }

    private static void CheckPaddedCiphertext(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length == 0 || ciphertext.Length % BlockSizeInBytes != 0)
        {
            throw new CryptoInputException($"SM4 ciphertext length {ciphertext.Length} is not a positive multiple of 16");
        }
    }

    private static byte[] RunPadded(PaddedBufferedBlockCipher cipher, bool encrypt, ICipherParameters parameters, ReadOnlySpan<byte> input)
    {
        cipher.Init(encrypt, parameters);
        var buffer = new byte[cipher.GetOutputSize(input.Length)];
        try
        {
            var n = cipher.ProcessBytes(input, buffer);
            n += cipher.DoFinal(buffer.AsSpan(n));
            return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
        }
        catch (InvalidCipherTextException)
        {
            Array.Clear(buffer);
            throw new CryptoAuthenticationException("SM4: bad PKCS#7 padding (wrong key, IV or corrupted ciphertext)");
        }
    }
}
