using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GovChain.Crypto.Sm4Fast;

/// <summary>An expanded SM4 key with the block modes GovChain uses. Buffers are caller-owned; nothing allocates per block.</summary>
internal sealed class Sm4FastCipher : IDisposable
{
    private const int ChunkBlocks = 32;
    private readonly uint[] encryptKeys = new uint[32];
    private readonly uint[] decryptKeys = new uint[32];

    public Sm4FastCipher(ReadOnlySpan<byte> key) => Sm4KeySchedule.Expand(key, encryptKeys, decryptKeys);

    public void EncryptBlocks(ReadOnlySpan<byte> input, Span<byte> output) => Sm4Blocks.Process(encryptKeys, input, output);

    public void DecryptBlocks(ReadOnlySpan<byte> input, Span<byte> output) => Sm4Blocks.Process(decryptKeys, input, output);

    /// <summary>CBC encryption is inherently serial: one T-table block at a time.</summary>
    public void EncryptCbc(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> chain = stackalloc byte[16];
        iv.CopyTo(chain);
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            for (var i = 0; i < 16; i++)
            {
                chain[i] ^= input[offset + i];
            }

            Sm4Portable.ProcessBlock(encryptKeys, chain, chain);
            chain.CopyTo(output[offset..]);
        }
    }

    /// <summary>CBC decryption runs the block cipher on all blocks in parallel, then chains. Output must not overlap input.</summary>
    public void DecryptCbc(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        DecryptBlocks(input, output);
        for (var i = 0; i < 16; i++)
        {
            output[i] ^= iv[i];
        }

        for (var i = 16; i < input.Length; i++)
        {
            output[i] ^= input[i - 16];
        }
    }

    /// <summary>CTR with a 128-bit big-endian counter (as OpenSSL and BouncyCastle count).</summary>
    public void TransformCtr(ReadOnlySpan<byte> counterBlock, ReadOnlySpan<byte> input, Span<byte> output) =>
        Keystream(counterBlock, input, output, fullWidthCounter: true);

    /// <summary>CTR with GCM's inc32: only the low 32 bits of the counter block count.</summary>
    public void TransformGcmCtr(ReadOnlySpan<byte> counterBlock, ReadOnlySpan<byte> input, Span<byte> output) =>
        Keystream(counterBlock, input, output, fullWidthCounter: false);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(encryptKeys.AsSpan()));
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(decryptKeys.AsSpan()));
    }

    private void Keystream(ReadOnlySpan<byte> counterBlock, ReadOnlySpan<byte> input, Span<byte> output, bool fullWidthCounter)
    {
        Span<byte> counters = stackalloc byte[16 * ChunkBlocks];
        var high = BinaryPrimitives.ReadUInt64BigEndian(counterBlock);
        var low = BinaryPrimitives.ReadUInt64BigEndian(counterBlock[8..]);
        for (var offset = 0; offset < input.Length; offset += counters.Length)
        {
            var n = Math.Min(counters.Length, input.Length - offset);
            var blocks = (n + 15) / 16;
            for (var b = 0; b < blocks; b++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(counters[(16 * b)..], high);
                BinaryPrimitives.WriteUInt64BigEndian(counters[((16 * b) + 8)..], low);
                if (fullWidthCounter)
                {
                    low++;
                    high += low == 0 ? 1UL : 0UL;
                }
                else
                {
                    low = (low & 0xFFFFFFFF00000000UL) | (uint)((uint)low + 1);
                }
            }

            var keystream = counters[..(16 * blocks)];
            EncryptBlocks(keystream, keystream);
            var src = input.Slice(offset, n);
            var dst = output.Slice(offset, n);
            XorBytes.Xor(src, keystream[..n], dst);
        }

        CryptographicOperations.ZeroMemory(counters);
    }
}
