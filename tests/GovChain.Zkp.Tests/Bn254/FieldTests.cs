using System.Numerics;
using FsCheck.Xunit;
using GovChain.Zkp.Bn254.Fields;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>Fp and Fr against System.Numerics.BigInteger as the independent reference.</summary>
public sealed class FieldTests
{
    private const string Replay = "(20261125,7919)";

    [Property(MaxTest = 300, Replay = Replay)]
    public bool FpArithmeticMatchesBigInteger(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        var p = Fp.Modulus;
        var x = Seeded.FromLimbs(a0, a1, a2, a3) % p;
        var y = Seeded.FromLimbs(b0, b1, b2, b3) % p;
        var fx = Fp.FromBigInteger(x);
        var fy = Fp.FromBigInteger(y);
        return (fx + fy).ToBigInteger() == (x + y) % p
            && (fx - fy).ToBigInteger() == (((x - y) % p) + p) % p
            && (fx * fy).ToBigInteger() == x * y % p
            && fx.Square().ToBigInteger() == x * x % p
            && (-fx).ToBigInteger() == (p - x) % p
            && (x.IsZero || (fx * fx.Inverse()).IsOne);
    }

    [Property(MaxTest = 300, Replay = Replay)]
    public bool FrArithmeticMatchesBigInteger(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        var r = Fr.Modulus;
        var x = Seeded.FromLimbs(a0, a1, a2, a3) % r;
        var y = Seeded.FromLimbs(b0, b1, b2, b3) % r;
        var fx = Fr.FromBigInteger(x);
        var fy = Fr.FromBigInteger(y);
        return (fx + fy).ToBigInteger() == (x + y) % r
            && (fx - fy).ToBigInteger() == (((x - y) % r) + r) % r
            && (fx * fy).ToBigInteger() == x * y % r
            && (x.IsZero || fx.Inverse().ToBigInteger() == BigInteger.ModPow(x, r - 2, r));
    }

    [Property(MaxTest = 100, Replay = Replay)]
    public bool SquareRootsSquareBackAndExistExactlyForResidues(ulong a0, ulong a1, ulong a2, ulong a3)
    {
        var v = Seeded.FromLimbs(a0, a1, a2, a3);
        var fp = Fp.FromBigInteger(v % Fp.Modulus);
        var fr = Fr.FromBigInteger(v % Fr.Modulus);
        var fpResidue = BigInteger.ModPow(v % Fp.Modulus, (Fp.Modulus - 1) / 2, Fp.Modulus) <= 1;
        var frResidue = BigInteger.ModPow(v % Fr.Modulus, (Fr.Modulus - 1) / 2, Fr.Modulus) <= 1;
        var fpOk = fp.TrySqrt(out var sp) == fpResidue && (!fpResidue || sp.Square() == fp);
        var frOk = fr.TrySqrt(out var sr) == frResidue && (!frResidue || sr.Square() == fr);
        return fpOk && frOk;
    }

    [Fact]
    public void BatchInverseMatchesSingleInversesAndKeepsZeros()
    {
        var rng = new Random(11);
        var values = Enumerable.Range(0, 50).Select(i => i % 7 == 3 ? Fr.Zero : Seeded.Scalar(rng)).ToArray();
        var expected = values.Select(v => v.Inverse()).ToArray();
        Fr.BatchInverse(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void RootOfUnityHasOrderExactlyTwoToThe28()
    {
        var w = Fr.RootOfUnity;
        for (var i = 0; i < Fr.TwoAdicity - 1; i++)
        {
            w = w.Square();
        }

        Assert.Equal(Fr.Modulus - 1, w.ToBigInteger());
        Assert.True(w.Square().IsOne);
    }

    [Theory]
    [InlineData("21888242871839275222246405745257275088696311157297823662689037894645226208583")]
    [InlineData("21888242871839275222246405745257275088696311157297823662689037894645226208584")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    [InlineData("-1")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData(" 1")]
    public void FpParseRejectsOutOfRangeAndJunk(string text) => Assert.Throws<ZkFormatException>(() => Fp.Parse(text));

    [Fact]
    public void FrParseRejectsTheModulusButAcceptsModulusMinusOne()
    {
        Assert.Throws<ZkFormatException>(() => Fr.Parse(Fr.Modulus.ToString()));
        Assert.Equal(Fr.Modulus - 1, Fr.Parse((Fr.Modulus - 1).ToString()).ToBigInteger());
        Assert.Equal(Fr.Modulus - 1, (-Fr.One).ToBigInteger());
    }

    [Fact]
    public void ByteParsersRejectValuesAtOrAboveTheModulus()
    {
        var bytes = Fp.Modulus.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bytes, 32);
        Assert.Throws<ZkFormatException>(() => Fp.FromLittleEndian(bytes));
        Assert.Throws<ZkFormatException>(() => Fp.FromMontgomeryLittleEndian(bytes));
        bytes[0]--;
        Assert.Equal(Fp.Modulus - 1, Fp.FromLittleEndian(bytes).ToBigInteger());
        Array.Reverse(bytes);
        Assert.Equal(Fp.Modulus - 1, Fp.FromBigEndian(bytes).ToBigInteger());
    }
}
