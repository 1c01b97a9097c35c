using System.Security.Cryptography;

namespace GovChain.Crypto;

/// <summary>
/// An HMAC-SM3 key with its inner and outer SM3 states precomputed (RFC 2104), so each MAC costs two compressions plus
/// the message. PBKDF2 runs hundreds of thousands of MACs under one key, which is why this exists.
/// </summary>
internal readonly struct HmacSm3Key
{
    private const int BlockSize = Sm3Compression.BlockSizeInBytes;
    private readonly Sm3Core inner;
    private readonly Sm3Core outer;

    public HmacSm3Key(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            var hashed = Sm3Core.Create();
            hashed.Append(key);
            hashed.Finish(block);
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> pad = stackalloc byte[BlockSize];
        inner = Sm3Core.Create();
        outer = Sm3Core.Create();
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x36);
        }

        inner.Append(pad);
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x5C);
        }

        outer.Append(pad);
        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(pad);
    }

    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac) => Compute(message, default, mac);

    /// <summary>HMAC over message ‖ suffix (PBKDF2 appends the block index).</summary>
    public void Compute(ReadOnlySpan<byte> message, ReadOnlySpan<byte> suffix, Span<byte> mac)
    {
        var h = inner;
        h.Append(message);
        h.Append(suffix);
        Span<byte> innerHash = stackalloc byte[Sm3.HashSizeInBytes];
        h.Finish(innerHash);
        var o = outer;
        o.Append(innerHash);
        o.Finish(mac);
    }
}
