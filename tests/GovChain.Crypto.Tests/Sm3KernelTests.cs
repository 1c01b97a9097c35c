using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using Org.BouncyCastle.Crypto.Digests;

namespace GovChain.Crypto.Tests;

/// <summary>Both SM3 message schedules (vector, interleaved with the rounds, and scalar) against BouncyCastle's SM3Digest.</summary>
public sealed class Sm3KernelTests
{
    private const int Cases = 10_000;

    [Fact]
    public void Vector_schedule_is_active_where_the_cpu_has_it() => Assert.Equal(Ssse3.IsSupported, Sm3MessageSchedule.IsVectorised);

    [Fact]
    public void Scalar_schedule_agrees() => DifferentialCases.Run(Cases, random => KernelCase(random, vectorSchedule: false));

    [Fact]
    public void Vector_schedule_agrees()
    {
        // Without SSSE3 there is no vector path to test; the test above pins that down.
        if (Sm3MessageSchedule.IsVectorised)
        {
            DifferentialCases.Run(Cases, random => KernelCase(random, vectorSchedule: true));
        }
    }

    private static void KernelCase(Random random, bool vectorSchedule)
    {
        var message = new byte[random.Next(4) == 0 ? random.Next(0, 4096) : random.Next(0, 300)];
        random.NextBytes(message);
        var digest = new SM3Digest();
        digest.BlockUpdate(message);
        var expected = new byte[32];
        digest.DoFinal(expected);

        // GB/T 32905 §5.2 padding, then the blocks in a few calls of random size, which carries the state between calls.
        var padded = new byte[(message.Length + 8 + 64) / 64 * 64];
        message.CopyTo(padded, 0);
        padded[message.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(padded.Length - 8), (ulong)message.Length * 8);
        uint[] state = [0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E];
        var offset = 0;
        while (offset < padded.Length)
        {
            var take = 64 * random.Next(1, ((padded.Length - offset) / 64) + 1);
            Sm3Compression.Compress(state, padded.AsSpan(offset, take), vectorSchedule);
            offset += take;
        }

        var actual = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(actual.AsSpan(4 * i), state[i]);
        }

        Assert.Equal(expected, actual);
    }
}
