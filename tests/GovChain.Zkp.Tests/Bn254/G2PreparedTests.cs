using System.Numerics;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G2;
using GovChain.Zkp.Bn254.Pairing;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>The subgroup test read off π_B's Miller-loop lines, against Scott's test and multiplication by r.</summary>
public sealed class G2PreparedTests
{
    /// <summary>The prime factors of the twist's cofactor 2p − r: every point outside G2 has a component of one of these orders.</summary>
    private static readonly BigInteger[] CofactorPrimes =
    [
        10069, 5864401, 1875725156269, BigInteger.Parse("197620364512881247228717050342013327560683201906968909"),
    ];

    private static BigInteger Cofactor => (2 * Fp.Modulus) - Fr.Modulus;

    [Fact]
    public void TheCofactorPrimesAreTheWholeCofactor()
    {
        Assert.Equal(Cofactor, CofactorPrimes.Aggregate(BigInteger.One, (a, b) => a * b));
        foreach (var l in CofactorPrimes)
        {
            Assert.NotEqual(Fr.Modulus, l);
            foreach (var a in new BigInteger[] { 2, 3, 5, 7 })
            {
                Assert.Equal(BigInteger.One, BigInteger.ModPow(a, l - 1, l));
            }
        }
    }

    /// <summary>ψ acts on each cyclic prime-order part as one scalar, so one point of each order settles that part.</summary>
    [Fact]
    public void RejectsAPointOfEachCofactorOrderAloneAndAddedToAMember()
    {
        var rng = new Random(61);
        var member = G2Jacobian.Generator.Multiply(Seeded.Scalar(rng));
        foreach (var l in CofactorPrimes)
        {
            var s = RandomTwistPoint(rng).ToJacobian().Multiply(Fr.Modulus).Multiply(Cofactor / l);
            Assert.False(s.IsInfinity);
            Assert.True(s.Multiply(l).IsInfinity);
            foreach (var q in new[] { s.ToAffine(), (s + member).ToAffine() })
            {
                Assert.False(q.IsInSubgroup);
                Assert.False(new G2Prepared(q).IsInSubgroup);
            }
        }
    }

    [Fact]
    public void AgreesWithScottsTestOnMembersAndRandomTwistPoints()
    {
        var rng = new Random(67);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(new G2Prepared(G2Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).IsInSubgroup);
            var q = RandomTwistPoint(rng);
            Assert.False(q.ToJacobian().Multiply(Fr.Modulus).IsInfinity);
            Assert.False(new G2Prepared(q).IsInSubgroup);
        }

        Assert.True(new G2Prepared(G2Affine.Generator).IsInSubgroup);
    }

    private static G2Affine RandomTwistPoint(Random rng)
    {
        while (true)
        {
            var x = new Fp2(Seeded.BaseElement(rng), Seeded.BaseElement(rng));
            if (((x.Square() * x) + G2Affine.B).TrySqrt(out var y))
            {
                return G2Affine.CreateOnCurveOnly(x, y);
            }
        }
    }
}
