using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;
using GovChain.Zkp.Groth16;
using Xunit;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>
/// The speed paths against the plain ones: fixed-base tables, the reused-key commitment and the batch-affine MSM
/// (including the bucket cases that need a doubling or cancel to infinity).
/// </summary>
public sealed class FastPathTests
{
    private static readonly Fr[] EdgeScalars =
    [
        Fr.Zero, Fr.One, Fr.FromUInt64(63), Fr.FromUInt64(64), -Fr.One, Fr.FromBigInteger(Fr.Modulus - 2),
        Fr.FromBigInteger((Fr.Modulus - 1) / 2), Fr.FromBigInteger(System.Numerics.BigInteger.Pow(2, 253)),
    ];

    [Fact]
    public void FixedBaseTableEqualsScalarMultiplication()
    {
        var rng = new Random(31);
        var point = G1Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine();
        var table = new G1FixedBaseTable(point);
        var offset = G1Jacobian.Generator.Multiply(Fr.FromUInt64(5));
        foreach (var s in EdgeScalars.Concat(Enumerable.Range(0, 20).Select(_ => Seeded.Scalar(rng))))
        {
            Assert.Equal(offset + point.ToJacobian().Multiply(s), table.AddMultiple(offset, s.ToCanonical()));
        }

        var empty = new G1FixedBaseTable(G1Affine.Infinity);
        Assert.Equal(offset, empty.AddMultiple(offset, Fr.FromUInt64(7).ToCanonical()));
    }

    [Fact]
    public void PublicInputCommitmentIsTheSameBeforeAndAfterItsTablesExist()
    {
        var rng = new Random(32);
        var ic = new[] { G1Affine.Generator, G1Affine.Infinity }
            .Concat(Enumerable.Range(0, 3).Select(_ => G1Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()))
            .ToArray();
        var commitment = new PublicInputCommitment(ic);
        for (var call = 0; call < 4; call++)
        {
            var inputs = Enumerable.Range(0, 4).Select(i => i == call ? Fr.Zero : Seeded.Scalar(rng)).ToArray();
            var expected = ic[0].ToJacobian();
            for (var i = 0; i < inputs.Length; i++)
            {
                expected += ic[i + 1].ToJacobian().Multiply(inputs[i]);
            }

            Assert.Equal(expected.ToAffine(), commitment.Compute(inputs));
        }
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1500)]
    public void BatchAffineMsmHandlesRepeatedOppositeAndInfinitePoints(int n)
    {
        var rng = new Random(n);
        var distinct = Enumerable.Range(0, 8).Select(_ => G1Jacobian.Generator.Multiply(Seeded.Scalar(rng)).ToAffine()).ToArray();
        // Few distinct points and repeated scalars force equal points into one bucket (doubling) and P, −P (cancel).
        var points = Enumerable.Range(0, n).Select(i => (i % 11) switch
        {
            0 => G1Affine.Infinity,
            1 or 2 => distinct[i % 2].Negate(),
            _ => distinct[i % distinct.Length],
        }).ToArray();
        var scalars = Enumerable.Range(0, n).Select(i => (i % 7) switch
        {
            0 => Fr.FromUInt64(3),
            1 => EdgeScalars[i % EdgeScalars.Length],
            _ => Seeded.Scalar(rng),
        }).ToArray();
        var expected = G1Jacobian.Infinity;
        for (var i = 0; i < n; i++)
        {
            expected += points[i].ToJacobian().Multiply(scalars[i]);
        }

        Assert.Equal(expected, G1Jacobian.MultiScalarMultiply(points, scalars));
    }

    [Fact]
    public void BatchAffineMsmOverG2EqualsTheSumOfScalarMultiples()
    {
        var rng = new Random(33);
        const int N = 300;
        var points = Enumerable.Range(0, N).Select(i => i % 50 == 0
            ? G2Affine.Infinity
            : G2Jacobian.Generator.Multiply(Fr.FromUInt64((ulong)(i % 37) + 1)).ToAffine()).ToArray();
        var scalars = Enumerable.Range(0, N).Select(_ => Seeded.Scalar(rng)).ToArray();
        var expected = G2Jacobian.Infinity;
        for (var i = 0; i < N; i++)
        {
            expected += points[i].ToJacobian().Multiply(scalars[i]);
        }

        Assert.Equal(expected, G2Jacobian.MultiScalarMultiply(points, scalars));
    }
}
