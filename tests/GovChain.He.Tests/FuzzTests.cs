using GovChain.TestSupport;
using Xunit;

namespace GovChain.He.Tests;

/// <summary>Random mutations of valid blobs: loading either succeeds or throws HeFormatException, never anything else.</summary>
public sealed class FuzzTests
{
    [Fact]
    public void TenThousandMutationsNeverCrash() => Fuzz(10_000, seed: 1);

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public void OneMillionMutationsNeverCrash() => Fuzz(1_000_000, seed: 2);

    private static void Fuzz(int iterations, int seed)
    {
        var corpus = BlobCorpus.Instance;
        var random = new Random(seed);
        for (var i = 0; i < iterations; i++)
        {
            var (kind, original) = corpus.Blobs[random.Next(corpus.Blobs.Length)];
            var blob = Mutate(original, random);
            try
            {
                corpus.Load(kind, blob);
            }
            catch (HeFormatException)
            {
                // The only acceptable failure.
            }
        }
    }

    private static byte[] Mutate(byte[] blob, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                // Flip one to eight random bytes, biased towards the metadata at the front.
                var flipped = (byte[])blob.Clone();
                for (var k = random.Next(1, 9); k > 0; k--)
                {
                    var at = random.Next(2) == 0 ? random.Next(Math.Min(128, flipped.Length)) : random.Next(flipped.Length);
                    flipped[at] ^= (byte)random.Next(1, 256);
                }

                return flipped;
            case 1:
                return blob[..random.Next(blob.Length)];
            case 2:
                var extended = new byte[blob.Length + random.Next(1, 64)];
                blob.CopyTo(extended, 0);
                random.NextBytes(extended.AsSpan(blob.Length));
                return extended;
            case 3:
                // Overwrite an aligned 64-bit field with an extreme value.
                var field = (byte[])blob.Clone();
                var offset = random.Next(Math.Min(120, field.Length - 8)) & ~7;
                var extreme = random.Next(3) switch { 0 => ulong.MaxValue, 1 => 0UL, _ => (ulong)random.NextInt64() };
                BitConverter.TryWriteBytes(field.AsSpan(offset), extreme);
                return field;
            default:
                var spliced = (byte[])blob.Clone();
                var from = random.Next(spliced.Length);
                var length = Math.Min(random.Next(1, 256), spliced.Length - from);
                random.NextBytes(spliced.AsSpan(from, length));
                return spliced;
        }
    }
}
