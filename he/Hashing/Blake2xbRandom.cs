using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GovChain.He.Hashing;

/// <summary>
/// SEAL's default seeded PRNG: a 64-byte seed keys BLAKE2Xb over a 64-bit block counter, 4096 bytes per block.
/// Matching it exactly lets us expand the seeds SEAL stores in compact ciphertexts and keys.
/// </summary>
public sealed class Blake2xbRandom
{
    public const int SeedBytes = 64;
    private const int BlockBytes = 4096;

    private readonly byte[] seed;
    private readonly byte[] block = new byte[BlockBytes];
    private int head = BlockBytes;
    private ulong counter;

    public Blake2xbRandom(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
        {
            throw new ArgumentException($"a PRNG seed has {SeedBytes} bytes", nameof(seed));
        }

        this.seed = seed.ToArray();
    }

    /// <summary>A generator seeded from the operating system's CSPRNG.</summary>
    public static Blake2xbRandom CreateRandom() => new(RandomNumberGenerator.GetBytes(SeedBytes));

    public void Fill(Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[8];
        while (!destination.IsEmpty)
        {
            if (head == BlockBytes)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(input, counter++);
                Blake2xb.Hash(input, seed, block);
                head = 0;
            }

            var take = Math.Min(BlockBytes - head, destination.Length);
            block.AsSpan(head, take).CopyTo(destination);
            head += take;
            destination = destination[take..];
        }
    }

    public ulong NextUInt64()
    {
        Span<byte> b = stackalloc byte[8];
        Fill(b);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    /// <summary>A fresh seed drawn from this generator, for a child generator.</summary>
    public byte[] NextSeed()
    {
        var s = new byte[SeedBytes];
        Fill(s);
        return s;
    }
}
