using System.Diagnostics;
using GovChain.TestSupport;
using Xunit.Abstractions;

namespace GovChain.Crypto.Tests;

public sealed class Sm2BatchAndTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Batch_verification_flags_exactly_the_bad_items()
    {
        var keys = Enumerable.Range(0, 4).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        var items = new List<Sm2VerificationItem>();
        for (var i = 0; i < 200; i++)
        {
            var key = keys[i % keys.Length];
            var message = BitConverter.GetBytes(i);
            var signature = key.SignData(message);
            // Every seventh item is signed over another message, every eleventh checked under another key.
            items.Add(i % 7 == 0 ? new(key.PublicKey, BitConverter.GetBytes(i + 1), signature)
                : i % 11 == 0 ? new(keys[(i + 1) % keys.Length].PublicKey, message, signature)
                : new(key.PublicKey, message, signature));
        }

        var verdicts = Sm2BatchVerifier.VerifyEach(items);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(i % 7 != 0 && i % 11 != 0, verdicts[i]);
        }

        Assert.False(Sm2BatchVerifier.VerifyAll(items));
        Assert.True(Sm2BatchVerifier.VerifyAll(items.Where((_, i) => i % 7 != 0 && i % 11 != 0).ToList()));
    }

    /// <summary>
    /// dudect-style leakage test (Reparaz, Balasch, Verbauwhede 2017): signing time for a fixed extreme secret (d = 1)
    /// against random secrets, interleaved at random, compared with Welch's t; |t| ≥ 4.5 would indicate a leak.
    /// </summary>
    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public void Signing_time_does_not_depend_on_the_secret_scalar()
    {
        const int Samples = 200_000;
        var one = new byte[32];
        one[31] = 1;
        // As many distinct key objects in each class, so both classes see the same cache behaviour.
        var fixedKeys = Enumerable.Range(0, 256).Select(_ => Sm2PrivateKey.FromScalar(one)).ToArray();
        var randomKeys = Enumerable.Range(0, 256).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        var message = "timing"u8.ToArray();
        var random = new Random(20261125);
        var classes = new Welch[2];
        for (var i = 0; i < 5_000; i++)
        {
            fixedKeys[i % fixedKeys.Length].SignData(message);
            randomKeys[i % randomKeys.Length].SignData(message);
        }

        for (var i = 0; i < Samples; i++)
        {
            var cls = random.Next(2);
            var key = (cls == 0 ? fixedKeys : randomKeys)[random.Next(randomKeys.Length)];
            var start = Stopwatch.GetTimestamp();
            key.SignData(message);
            classes[cls].Add(Stopwatch.GetTimestamp() - start);
        }

        var t = Welch.T(classes[0].Cropped(), classes[1].Cropped());
        output.WriteLine($"Welch t = {t:F2} over {Samples} samples");
        Assert.True(Math.Abs(t) < 4.5, $"signing time depends on the secret: |t| = {Math.Abs(t):F2}");
    }

    /// <summary>Running mean and variance, keeping the samples so the slowest 5% (interrupts, GC) can be cropped as dudect does.</summary>
    private struct Welch
    {
        private List<long>? samples;

        public void Add(long x) => (samples ??= []).Add(x);

        public readonly (double Mean, double Variance, int Count) Cropped()
        {
            var sorted = samples!.OrderBy(x => x).Take((int)(samples!.Count * 0.95)).ToArray();
            var mean = sorted.Average();
            var variance = sorted.Sum(x => (x - mean) * (x - mean)) / (sorted.Length - 1);
            return (mean, variance, sorted.Length);
        }

        public static double T((double Mean, double Variance, int Count) a, (double Mean, double Variance, int Count) b) =>
            (a.Mean - b.Mean) / Math.Sqrt((a.Variance / a.Count) + (b.Variance / b.Count));
    }
}
