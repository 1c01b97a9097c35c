using GovChain.Zkp.Bn254.Fields;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>The shortcut kernels (lazy Karatsuba sums, shift doubling and halving, one-pass ξ product) against the plain formulas.</summary>
public sealed class FieldKernelTests
{
    private static IEnumerable<Fp> Elements(int seed)
    {
        var rng = new Random(seed);
        var edges = new[] { Fp.Zero, Fp.One, -Fp.One, Fp.FromBigInteger(Fp.Modulus - 2), Fp.FromBigInteger((Fp.Modulus - 1) / 2), Fp.FromBigInteger((Fp.Modulus + 1) / 2) };
        return edges.Concat(Enumerable.Range(0, 300).Select(_ => Seeded.BaseElement(rng)));
    }

    private static IEnumerable<Fp2> Pairs(int seed)
    {
        var a = Elements(seed).ToArray();
        var b = Elements(seed + 1).Reverse().ToArray();
        return a.Zip(b, (x, y) => new Fp2(x, y)).Concat(a.Select(x => new Fp2(x, x)));
    }

    [Fact]
    public void Fp2ProductsMatchTheSchoolbookFormulas()
    {
        var xs = Pairs(41).ToArray();
        var ys = Pairs(43).ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            var (a, b) = (xs[i], ys[i]);
            Assert.Equal(new Fp2((a.C0 * b.C0) - (a.C1 * b.C1), (a.C0 * b.C1) + (a.C1 * b.C0)), a * b);
            Assert.Equal(new Fp2((a.C0 * a.C0) - (a.C1 * a.C1), (a.C0 * a.C1) + (a.C1 * a.C0)), a.Square());
        }
    }

    [Fact]
    public void MulByXiMatchesTheProductByNinePlusU()
    {
        var nine = Fp.FromUInt64(9);
        foreach (var a in Pairs(47))
        {
            Assert.Equal(new Fp2((nine * a.C0) - a.C1, a.C0 + (nine * a.C1)), a.MulByXi());
        }
    }

    [Fact]
    public void DoubleAndHalfAreInverse()
    {
        foreach (var a in Elements(53))
        {
            Assert.Equal(a + a, a.Double());
            Assert.Equal(a, a.Half() + a.Half());
            Assert.Equal(a, a.Double().Half());
            Assert.Equal(Fr.FromBigInteger(a.ToBigInteger() % Fr.Modulus).Double(), Fr.FromBigInteger(a.ToBigInteger() % Fr.Modulus) * Fr.FromUInt64(2));
        }
    }
}
