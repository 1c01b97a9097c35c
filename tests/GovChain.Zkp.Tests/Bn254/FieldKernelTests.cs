using System.Numerics;
using GovChain.Zkp.Bn254.Fields;
using Xunit;
using Wide = GovChain.Zkp.Bn254.Fields.Montgomery<GovChain.Zkp.Bn254.Fields.FpModulus>;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>The shortcut kernels (lazy Karatsuba sums, double-width products, shift doubling and halving, one-pass ξ product) against the plain formulas.</summary>
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

    private static BigInteger ToBigInteger(in U512 v) =>
        new U256(v.L0, v.L1, v.L2, v.L3).ToBigInteger() + (new U256(v.L4, v.L5, v.L6, v.L7).ToBigInteger() << 256);

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

            // One operand may be an unreduced sum (components up to 2p − 2 with the edge values p − 1).
            var c = xs[xs.Length - 1 - i];
            Assert.Equal((a + c) * b, Fp2.AddLazy(a, c) * b);
            Assert.Equal(b * (a + c), b * Fp2.AddLazy(a, c));
        }
    }

    [Fact]
    public void WideProductsAndTheirReductionMatchIntegerArithmetic()
    {
        var p = Fp.Modulus;
        var r = BigInteger.One << 256;
        var rInverse = BigInteger.ModPow(r, p - 2, p);
        var xs = Elements(59).ToArray();
        var ys = Elements(61).Reverse().ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            var (a, b) = (xs[i].Mont, ys[i].Mont);
            var (ia, ib) = (a.ToBigInteger(), b.ToBigInteger());
            var ab = Wide.MulWide(a, b);
            Assert.Equal(ia * ib, ToBigInteger(ab));
            Assert.Equal(Wide.Mul(a, b), Wide.Reduce(ab));
            Assert.Equal(ia * ib * rInverse % p, Wide.Reduce(ab).ToBigInteger());

            // The largest operands the F_p² product feeds in: sums below 2p, and differences that go negative.
            var (sa, sb) = (Wide.AddUnreduced(a, b), Wide.AddUnreduced(b, a));
            var square = Wide.MulWide(sa, sb);
            Assert.Equal((ia + ib) * (ia + ib) * rInverse % p, Wide.Reduce(square).ToBigInteger());
            var ba = Wide.MulWide(b, b);
            Assert.Equal((((ia * ib) - (ib * ib)) % (p * r) + (p * r)) % (p * r), ToBigInteger(Wide.SubWideModulo(ab, ba)));
            Assert.Equal((ia * ib) - (ia * ib), ToBigInteger(Wide.SubWide(ab, ab)));
            Assert.Equal(((ia + ib) * (ia + ib)) - (ia * ib), ToBigInteger(Wide.SubWide(square, ab)));
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
