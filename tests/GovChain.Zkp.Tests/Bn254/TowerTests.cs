using System.Numerics;
using GovChain.Zkp.Bn254;
using GovChain.Zkp.Bn254.Fields;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>The extension tower against its defining relations and the Frobenius definition x ↦ x^p.</summary>
public sealed class TowerTests
{
    private static Fp2 RandomFp2(Random rng) => new(Seeded.BaseElement(rng), Seeded.BaseElement(rng));

    private static Fp6 RandomFp6(Random rng) => new(RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));

    private static Fp12 RandomFp12(Random rng) => new(RandomFp6(rng), RandomFp6(rng));

    [Fact]
    public void DefiningRelationsHold()
    {
        var u = new Fp2(Fp.Zero, Fp.One);
        Assert.Equal(-Fp2.One, u.Square());
        var v = new Fp6(Fp2.Zero, Fp2.One, Fp2.Zero);
        Assert.Equal(new Fp6(Fp2.Xi, Fp2.Zero, Fp2.Zero), v * v * v);
        var w = new Fp12(Fp6.Zero, Fp6.One);
        Assert.Equal(new Fp12(v, Fp6.Zero), w.Square());
    }

    [Fact]
    public void InversesSquaresAndSparseProductsAgreeWithGenericOnes()
    {
        var rng = new Random(5);
        for (var i = 0; i < 10; i++)
        {
            var a2 = RandomFp2(rng);
            Assert.True((a2 * a2.Inverse()).IsOne);
            Assert.Equal(a2 * a2, a2.Square());
            var a6 = RandomFp6(rng);
            Assert.Equal(Fp6.One, a6 * a6.Inverse());
            var a12 = RandomFp12(rng);
            Assert.True((a12 * a12.Inverse()).IsOne);
            Assert.Equal(a12 * a12, a12.Square());
            var (l0, l3, l4) = (RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));
            var line = new Fp12(new Fp6(l0, Fp2.Zero, Fp2.Zero), new Fp6(l3, l4, Fp2.Zero));
            Assert.Equal(a12 * line, a12.MulBy034(l0, l3, l4));
            var (m0, m3, m4) = (RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));
            var other = new Fp12(new Fp6(m0, Fp2.Zero, Fp2.Zero), new Fp6(m3, m4, Fp2.Zero));
            var lines = Fp12.MulLines(l0, l3, l4, m0, m3, m4);
            Assert.Equal(line * other, lines);
            Assert.True(lines.C1.C2.IsZero);
            Assert.Equal(a12 * lines, a12.MulBy01234(lines));
        }
    }

    [Fact]
    public void FrobeniusIsThePthPower()
    {
        var a = RandomFp12(new Random(9));
        Assert.Equal(a.Pow(Fp.Modulus), a.Frobenius());
        Assert.Equal(a, a.Frobenius(12));
        Assert.Equal(a.Pow(BigInteger.Pow(Fp.Modulus, 6)), a.Conjugate());
    }

    [Fact]
    public void CyclotomicSquaringAndPowersMatchGenericOnesInTheCyclotomicSubgroup()
    {
        var f = RandomFp12(new Random(21));
        var unitary = f.Conjugate() * f.Inverse();
        var g = unitary.Frobenius(2) * unitary;
        Assert.Equal(g.Square(), g.CyclotomicSquare());
        BigInteger e = 4965661367192848881;
        Assert.Equal(g.Pow(e), g.CyclotomicPow(NonAdjacentForm.Of(e)));
        Assert.Equal(g.Pow(e), g.CyclotomicPowX());
        Assert.Equal(g.Pow(12345), g.CyclotomicPow(NonAdjacentForm.Of(12345)));
    }

    [Fact]
    public void Fp2SquareRootsExistExactlyForResidues()
    {
        var rng = new Random(3);
        var found = 0;
        for (var i = 0; i < 20; i++)
        {
            var a = RandomFp2(rng);
            var isResidue = a.Pow((BigInteger.Pow(Fp.Modulus, 2) - 1) / 2).IsOne;
            Assert.Equal(isResidue, a.TrySqrt(out var root));
            if (isResidue)
            {
                Assert.Equal(a, root.Square());
                found++;
            }
        }

        Assert.InRange(found, 1, 19);
    }
}
