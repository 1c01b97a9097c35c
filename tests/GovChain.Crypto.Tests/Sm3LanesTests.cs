using System.Runtime.Intrinsics.X86;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace GovChain.Crypto.Tests;

/// <summary>SM3 in sixteen vector lanes against BouncyCastle's SM3Digest, message by message.</summary>
public sealed class Sm3LanesTests
{
    private const int Cases = 2_000;

    // Padding boundaries: a tail of 55 bytes fits the length in its block, 56 needs another.
    private static readonly int[] Boundaries = [0, 1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 127, 128];

    [Fact]
    public void Lanes_are_used_where_the_cpu_has_avx512() => Assert.Equal(Avx512F.IsSupported && Avx512BW.IsSupported, Sm3Lanes.IsVectorised);

    [Fact]
    public void Vector_lanes_agree_with_the_reference()
    {
        // Without AVX-512 there are no lanes to test; the test above pins that down.
        if (Sm3Lanes.IsVectorised)
        {
            DifferentialCases.Run(Cases, random => ListCase(random, vectorised: true));
        }
    }

    [Fact]
    public void One_by_one_path_agrees_with_the_reference() => DifferentialCases.Run(Cases, random => ListCase(random, vectorised: false));

    [Fact]
    public void Fixed_length_pieces_agree_with_the_reference() => DifferentialCases.Run(Cases / 4, random =>
    {
        var length = random.Next(4) == 0 ? random.Next(1, 200) : 64;
        var count = random.Next(0, 50);
        var prefix = random.Next(2) == 0 ? [] : new[] { (byte)0x01 };
        var pieces = new byte[count * length];
        random.NextBytes(pieces);
        var digests = new byte[32 * count];
        Sm3Lanes.HashEach(prefix, pieces, length, digests);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(Reference(prefix, pieces.AsSpan(i * length, length).ToArray()), digests.AsSpan(32 * i, 32).ToArray());
        }
    });

    [Fact]
    public void Standard_vectors_come_out_of_any_lane()
    {
        // GB/T 32905 appendix A: "abc" and "abcd" × 16, among other messages so they land in different lanes.
        var abc = Convert.FromHexString("66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0");
        var abcd16 = Convert.FromHexString("DEBE9FF92275B8A138604889C18E5A4D6FDB70E5387E5765293DCBA39C0C5732");
        var messages = Enumerable.Range(0, 37).Select(i => i % 2 == 0 ? Encoding.ASCII.GetBytes("abc") : Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)))).ToArray();
        var digests = new byte[32 * messages.Length];
        Sm3Lanes.HashEach([], messages, digests);
        for (var i = 0; i < messages.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? abc : abcd16, digests.AsSpan(32 * i, 32).ToArray());
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Sm3Lanes.HashEach([], new[] { new byte[1], new byte[2] }, new byte[63]));
        Assert.Throws<ArgumentException>(() => Sm3Lanes.HashEach([], new byte[65], 64, new byte[64]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sm3Lanes.HashEach([], new byte[64], 0, new byte[64]));
        Assert.Throws<ArgumentNullException>(() => Sm3Lanes.HashEach([], new byte[][] { null! }, new byte[64]));
    }

    private static void ListCase(Random random, bool vectorised)
    {
        var count = random.Next(0, 41);
        var prefix = new byte[random.Next(0, 3)];
        random.NextBytes(prefix);
        var messages = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(3) switch
            {
                0 => Boundaries[random.Next(Boundaries.Length)] - prefix.Length,
                1 => random.Next(0, 300),
                _ => random.Next(0, 1200),
            };
            messages[i] = new byte[Math.Max(0, length)];
            random.NextBytes(messages[i]);
        }

        // Room past the last digest must stay untouched.
        var digests = new byte[(32 * count) + 5];
        Sm3Lanes.HashEach(prefix, messages, digests, vectorised);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(Reference(prefix, messages[i]), digests.AsSpan(32 * i, 32).ToArray());
        }

        Assert.All(digests[(32 * count)..], b => Assert.Equal(0, b));
    }

    private static byte[] Reference(byte[] prefix, byte[] message)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(prefix);
        digest.BlockUpdate(message);
        var result = new byte[32];
        digest.DoFinal(result);
        return result;
    }
}
