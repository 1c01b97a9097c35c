using System.Numerics;
using GovChain.He.Hashing;
using Xunit;

namespace GovChain.He.Tests;

/// <summary>The scorer reveals the score in slot 0 and nothing else: uniform other slots, feature-independent noise.</summary>
public sealed class ScorerTests
{
    private const int N = 8192;
    private static readonly Lazy<Setup> Shared = new(() => new Setup());

    private static Blake2xbRandom Seeded(int seed)
    {
        var s = new byte[Blake2xbRandom.SeedBytes];
        new Random(seed).NextBytes(s);
        return new Blake2xbRandom(s);
    }

    [Fact]
    public void SlotZeroIsTheScoreAndOtherSlotsAreUniform()
    {
        var s = Shared.Value;
        var t = s.Context.PlainModulus.Value;
        const int bins = 32;
        var counts = new long[bins];
        var scorer = new HomomorphicScorer(s.Context, s.GaloisKeys, s.PublicKey, Seeded(7));
        var random = new Random(8);
        for (var run = 0; run < 6; run++)
        {
            var features = Enumerable.Range(0, 50).Select(_ => (ulong)random.Next(0, 1000)).ToArray();
            var slots = s.Encoder.Decode(s.Decryptor.Decrypt(scorer.Score(s.Weights, features)));
            Assert.Equal(Expected.Dot(s.WeightValues, features, t), slots[0]);
            foreach (var v in slots.AsSpan(1))
            {
                counts[(int)(new BigInteger(v) * bins / t)]++;
            }
        }

        // χ² with 31 degrees of freedom: 61.1 is the 0.1% critical value.
        var total = counts.Sum();
        var chiSquare = counts.Sum(c => Math.Pow(c - ((double)total / bins), 2) / ((double)total / bins));
        Assert.True(chiSquare < 61.1, $"χ² = {chiSquare}");
    }

    [Fact]
    public void FloodedNoiseDoesNotDependOnTheFeatures()
    {
        var s = Shared.Value;
        var small = Enumerable.Repeat(1UL, 50).ToArray();
        var large = Enumerable.Range(0, 50).Select(i => s.Context.PlainModulus.Value - 1 - (ulong)i).ToArray();
        var flooded = new HomomorphicScorer(s.Context, s.GaloisKeys, s.PublicKey, Seeded(9));
        var maskedOnly = new HomomorphicScorer(s.Context, s.GaloisKeys, null, Seeded(10));

        var rawSmall = Noise(s, maskedOnly.Score(s.Weights, small));
        var rawLarge = Noise(s, maskedOnly.Score(s.Weights, large));
        var floodedSmall = Noise(s, flooded.Score(s.Weights, small));
        var floodedLarge = Noise(s, flooded.Score(s.Weights, large));

        // Smudging: the flood is at least 2^20 times wider than any feature-dependent noise, so the statistical
        // distance between the two feature sets' noise is at most n·2^-20.
        var rawMax = rawSmall.Concat(rawLarge).Max(BigInteger.Abs);
        Assert.True(flooded.FloodBound > rawMax << 20, $"flood {flooded.FloodBound} vs noise {rawMax}");

        // Empirically both flooded noises have the flood's own spread, whatever the features.
        var floodStd = (double)flooded.FloodBound / Math.Sqrt(3);
        Assert.InRange(Spread(floodedSmall) / floodStd, 0.97, 1.03);
        Assert.InRange(Spread(floodedLarge) / floodStd, 0.97, 1.03);

        // And the flooded noise carries no trace of the feature-dependent difference rawLarge − rawSmall.
        var difference = rawLarge.Zip(rawSmall, (a, b) => (double)(a - b)).ToArray();
        var observed = floodedLarge.Zip(floodedSmall, (a, b) => (double)(a - b)).ToArray();
        Assert.InRange(Correlation(difference, observed), -0.06, 0.06);
        Assert.True(s.Decryptor.InvariantNoiseBudget(flooded.Score(s.Weights, large)) > 0);
    }

    [Fact]
    public void RefusesToFloodWhenTheParametersLeaveNoRoom()
    {
        var context = new HeContext(EncryptionParameters.BfvDefault(4096));
        var keygen = new KeyGenerator(context, Seeded(11));
        var keys = keygen.CreateGaloisKeys([1]);
        Assert.Throws<HeFormatException>(() => new HomomorphicScorer(context, keys, keygen.CreatePublicKey(), Seeded(12)));
    }

    private static BigInteger[] Noise(Setup s, Ciphertext scored) => s.Decryptor.NoiseTerm(scored, s.Decryptor.Decrypt(scored));

    private static double Spread(BigInteger[] noise) =>
        Math.Sqrt(noise.Aggregate(0.0, (acc, v) => acc + Math.Pow((double)v, 2)) / noise.Length);

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private sealed class Setup
    {
        public Setup()
        {
            Context = new HeContext(EncryptionParameters.BfvDefault(N));
            var keygen = new KeyGenerator(Context, Seeded(1));
            PublicKey = keygen.CreatePublicKey();
            GaloisKeys = keygen.CreateGaloisKeys();
            Decryptor = new Decryptor(Context, keygen.SecretKey);
            Encoder = new BatchEncoder(Context);
            var random = new Random(2);
            WeightValues = Enumerable.Range(0, 50).Select(_ => (ulong)random.Next(0, 5000)).ToArray();
            Weights = new Encryptor(Context, PublicKey, null, Seeded(3)).Encrypt(Encoder.Encode(WeightValues));
        }

        public HeContext Context { get; }

        public Keys.PublicKey PublicKey { get; }

        public Keys.GaloisKeys GaloisKeys { get; }

        public Decryptor Decryptor { get; }

        public BatchEncoder Encoder { get; }

        public ulong[] WeightValues { get; }

        public Ciphertext Weights { get; }
    }
}
