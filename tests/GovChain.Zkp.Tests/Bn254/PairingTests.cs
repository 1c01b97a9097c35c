using System.Numerics;
using FsCheck.Xunit;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;
using GovChain.Zkp.Bn254.Pairing;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

public sealed class PairingTests
{
    private static Fp12 E(BigInteger a, BigInteger b) => OptimalAte.Pair(
        G1Jacobian.Generator.Multiply(Fr.FromBigInteger(a)).ToAffine(),
        G2Jacobian.Generator.Multiply(Fr.FromBigInteger(b)).ToAffine());

    /// <summary>
    /// ffjavascript's hard part (Fuentes-Castañeda et al.) raises to 2x(6x² + 3x + 1)·(p⁴ − p² + 1)/r rather than
    /// (p⁴ − p² + 1)/r, so its pairing is ours to that fixed power; both are bilinear and non-degenerate.
    /// </summary>
    private static readonly BigInteger FfjavascriptPower = 2 * (BigInteger)4965661367192848881 * ((6 * BigInteger.Pow(4965661367192848881, 2)) + (3 * (BigInteger)4965661367192848881) + 1);

    [Fact]
    public void PairingOfFixedPointsEqualsFfjavascript()
    {
        var rng = new Random(99);
        (BigInteger, BigInteger)[] pairs = [(1, 1), (2, 3), (Seeded.Below(rng, Fr.Modulus), Seeded.Below(rng, Fr.Modulus))];
        var oracle = FfjavascriptOracle.Run([], [], pairs).Result;
        for (var i = 0; i < pairs.Length; i++)
        {
            Assert.Equal(FfjavascriptOracle.ParseFp12(oracle["pairings"]![i]), E(pairs[i].Item1, pairs[i].Item2).Pow(FfjavascriptPower));
        }
    }

    [Property(MaxTest = 6, Replay = "(424242,1001)")]
    public bool Bilinear(ulong a, ulong b, ulong c)
    {
        var e = E(a, b);
        return E(BigInteger.One, (BigInteger)a * b) == e
            && E((BigInteger)a * b, BigInteger.One) == e
            && E(a, (BigInteger)b + c) == e * E(a, c);
    }

    [Property(MaxTest = 6, Replay = "(515151,2003)")]
    public bool NonDegenerate(ulong a, ulong b) =>
        a == 0 || b == 0 || !E(a, b).IsOne;

    [Fact]
    public void NonDegenerateAndOfOrderR()
    {
        var e = E(1, 1);
        Assert.False(e.IsOne);
        Assert.True(e.Pow(Fr.Modulus).IsOne);
        Assert.True(OptimalAte.Pair(G1Affine.Infinity, G2Affine.Generator).IsOne);
        Assert.True(OptimalAte.Pair(G1Affine.Generator, G2Affine.Infinity).IsOne);
    }

    [Fact]
    public void MultiPairingEqualsTheProductOfPairings()
    {
        var rng = new Random(8);
        var ps = Enumerable.Range(0, 3).Select(_ => G1Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).ToArray();
        var qs = Enumerable.Range(0, 3).Select(_ => G2Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).ToArray();
        var product = OptimalAte.Pair(ps[0], qs[0]) * OptimalAte.Pair(ps[1], qs[1]) * OptimalAte.Pair(ps[2], qs[2]);
        Assert.Equal(product, OptimalAte.MultiPair(ps, qs));
        Assert.True(OptimalAte.ProductIsOne([ps[0], ps[0].Negate()], [qs[0], qs[0]]));
        Assert.False(OptimalAte.ProductIsOne([ps[0], ps[1].Negate()], [qs[0], qs[0]]));
    }

    /// <summary>Fixed pairs multiply their lines from precomputed coefficient products; the Miller value must not change at all.</summary>
    [Fact]
    public void FixedLinePairsGiveTheSameMillerValueAsSeparatePairs()
    {
        var rng = new Random(12);
        var ps = Enumerable.Range(0, 3).Select(_ => G1Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).ToArray();
        var qs = Enumerable.Range(0, 3).Select(_ => new G2Prepared(G2Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine())).ToArray();
        var fixedPairs = new FixedLinePairs(qs[1], qs[2]);
        var separate = OptimalAte.MillerLoop(ps, qs);
        Assert.Equal(separate, OptimalAte.MillerLoop([ps[0]], [qs[0]], fixedPairs, new(ps[1], ps[2])));
        Assert.Equal(OptimalAte.MillerLoop(ps[1..], qs[1..]), OptimalAte.MillerLoop([], [], fixedPairs, new(ps[1], ps[2])));
        Assert.Equal(separate, OptimalAte.MillerLoop([ps[0], G1Affine.Infinity], [qs[0], qs[0]], fixedPairs, new(ps[1], ps[2])));
        Assert.NotEqual(separate, OptimalAte.MillerLoop([ps[0]], [qs[0]], fixedPairs, new(ps[2], ps[1])));
    }

    [Fact]
    public void HardPartDecompositionIsExact()
    {
        BigInteger x = 4965661367192848881;
        var p = Fp.Modulus;
        var lambda = (-36 * x * x * x - 30 * x * x - 18 * x - 2)
            + ((-36 * x * x * x - 18 * x * x - 12 * x + 1) * p)
            + ((6 * x * x + 1) * p * p)
            + (p * p * p);
        Assert.Equal((BigInteger.Pow(p, 4) - (p * p) + 1) / Fr.Modulus, lambda);
    }
}
