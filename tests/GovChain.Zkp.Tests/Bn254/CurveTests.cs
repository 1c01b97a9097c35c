using System.Numerics;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>G1 and G2 arithmetic against ffjavascript, plus the group laws and the point checks.</summary>
public sealed class CurveTests
{
    [Fact]
    public void ScalarMultiplicationAgreesWithFfjavascriptOnRandomScalars()
    {
        var rng = new Random(2026);
        var scalars = Enumerable.Range(0, 24).Select(_ => Seeded.Below(rng, Fr.Modulus))
            .Concat([BigInteger.One, 2, Fr.Modulus - 1]).ToArray();
        var oracle = FfjavascriptOracle.Run(scalars, scalars, []).Result;
        for (var i = 0; i < scalars.Length; i++)
        {
            var s = Fr.FromBigInteger(scalars[i]);
            var g1 = G1Jacobian.Generator.Multiply(s).ToAffine();
            Assert.Equal(FfjavascriptOracle.ParseFp(oracle["g1"]![i]![0]), g1.X);
            Assert.Equal(FfjavascriptOracle.ParseFp(oracle["g1"]![i]![1]), g1.Y);
            var g2 = G2Jacobian.Generator.Multiply(s).ToAffine();
            Assert.Equal(FfjavascriptOracle.ParseFp2(oracle["g2"]![i]![0]), g2.X);
            Assert.Equal(FfjavascriptOracle.ParseFp2(oracle["g2"]![i]![1]), g2.Y);
        }
    }

    [Fact]
    public void GroupOrderAnnihilatesBothGenerators()
    {
        Assert.True(G1Jacobian.Generator.Multiply(Fr.Modulus).IsInfinity);
        Assert.True(G2Jacobian.Generator.Multiply(Fr.Modulus).IsInfinity);
        Assert.False(G2Jacobian.Generator.Multiply(Fr.Modulus - 1).IsInfinity);
    }

    [Fact]
    public void AdditionLawsHoldIncludingDoublingAndInverseCases()
    {
        var rng = new Random(77);
        var a = Seeded.Scalar(rng);
        var b = Seeded.Scalar(rng);
        var p = G1Jacobian.Generator;
        Assert.Equal(p.Multiply(a + b), p.Multiply(a) + p.Multiply(b));
        Assert.Equal(p.Multiply(a).Double(), p.Multiply(a) + p.Multiply(a));
        Assert.True((p.Multiply(a) - p.Multiply(a)).IsInfinity);
        Assert.Equal(p.Multiply(a * b), p.Multiply(a).Multiply(b));
        var pa = p.Multiply(a);
        Assert.Equal(pa.Add(p), pa.AddMixed(G1Affine.Generator));
        Assert.Equal(pa.Double(), pa.AddMixed(pa.ToAffine()));

        var q = G2Jacobian.Generator;
        Assert.Equal(q.Multiply(a + b), q.Multiply(a) + q.Multiply(b));
        Assert.Equal(q.Multiply(a * b), q.Multiply(a).Multiply(b));
        var qa = q.Multiply(a);
        Assert.Equal(qa.Double(), qa.AddMixed(qa.ToAffine()));
        Assert.True(qa.AddMixed(qa.ToAffine().Negate()).IsInfinity);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(600)]
    public void MsmEqualsTheSumOfScalarMultiples(int n)
    {
        var rng = new Random(n);
        // Zeros, ones and small values take the MSM's shortcuts; the rest are full-size.
        var scalars = Enumerable.Range(0, n).Select(i => (i % 5) switch
        {
            0 => Fr.Zero,
            1 => Fr.One,
            2 => Fr.FromUInt64((ulong)rng.NextInt64()),
            _ => Seeded.Scalar(rng),
        }).ToArray();
        var g1 = scalars.Select(_ => G1Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).ToArray();
        var expected1 = G1Jacobian.Infinity;
        for (var i = 0; i < n; i++)
        {
            expected1 += g1[i].ToJacobian().Multiply(scalars[i]);
        }

        Assert.Equal(expected1, G1Jacobian.MultiScalarMultiply(g1, scalars));
        if (n <= 100)
        {
            var g2 = scalars.Select(_ => G2Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).ToArray();
            var expected2 = G2Jacobian.Infinity;
            for (var i = 0; i < n; i++)
            {
                expected2 += g2[i].ToJacobian().Multiply(scalars[i]);
            }

            Assert.Equal(expected2, G2Jacobian.MultiScalarMultiply(g2, scalars));
        }
    }

    [Fact]
    public void G2SubgroupCheckAgreesWithMultiplicationByTheOrder()
    {
        var rng = new Random(4);
        var outside = 0;
        for (var i = 0; i < 40; i++)
        {
            var x = new Fp2(Seeded.BaseElement(rng), Seeded.BaseElement(rng));
            if (!((x.Square() * x) + G2Affine.B).TrySqrt(out var y))
            {
                continue;
            }

            var point = G2Affine.CreateOnCurveOnly(x, y);
            var inGroup = point.ToJacobian().Multiply(Fr.Modulus).IsInfinity;
            Assert.Equal(inGroup, point.IsInSubgroup);
            if (!inGroup)
            {
                outside++;
                var ex = Assert.Throws<ZkFormatException>(() => G2Affine.Create(x, y));
                Assert.Contains("subgroup", ex.Message);
            }
        }

        Assert.True(outside > 0);
        for (var i = 0; i < 5; i++)
        {
            var member = G2Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine();
            Assert.True(member.IsInSubgroup);
            Assert.Equal(member, G2Affine.Create(member.X, member.Y));
        }
    }

    [Fact]
    public void OffCurvePointsAreRejected()
    {
        var g = G1Affine.Generator;
        Assert.Contains("curve", Assert.Throws<ZkFormatException>(() => G1Affine.Create(g.X, g.Y + Fp.One)).Message);
        var h = G2Affine.Generator;
        Assert.Contains("curve", Assert.Throws<ZkFormatException>(() => G2Affine.Create(h.X, h.Y + Fp2.One)).Message);
    }
}
