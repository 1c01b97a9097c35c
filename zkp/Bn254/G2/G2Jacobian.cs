using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G2;

/// <summary>A G2 point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity. Formulas: <see cref="JacobianPoint{TField}"/>.</summary>
public readonly struct G2Jacobian : IJacobianPoint<G2Jacobian, G2Affine, Fp2>, IEquatable<G2Jacobian>
{
    private readonly JacobianPoint<Fp2> point;

    public G2Jacobian(Fp2 x, Fp2 y, Fp2 z) => point = new(x, y, z);

    private G2Jacobian(in JacobianPoint<Fp2> point) => this.point = point;

    public Fp2 X => point.X;

    public Fp2 Y => point.Y;

    public Fp2 Z => point.Z;

    public static G2Jacobian Infinity => new(JacobianPoint<Fp2>.Infinity);

    public static G2Jacobian Generator => G2Affine.Generator.ToJacobian();

    public bool IsInfinity => point.IsInfinity;

    public static G2Jacobian operator +(G2Jacobian a, G2Jacobian b) => a.Add(b);

    public static G2Jacobian operator -(G2Jacobian a) => a.Negate();

    public static G2Jacobian operator -(G2Jacobian a, G2Jacobian b) => a.Add(b.Negate());

    public static G2Jacobian operator *(G2Jacobian a, Fr scalar) => a.Multiply(scalar);

    public static bool operator ==(G2Jacobian a, G2Jacobian b) => a.Equals(b);

    public static bool operator !=(G2Jacobian a, G2Jacobian b) => !a.Equals(b);

    public G2Jacobian Negate() => new(point.Negate());

    public G2Jacobian Double() => new(point.Double());

    public G2Jacobian Add(in G2Jacobian other) => new(point.Add(other.point));

    public G2Jacobian AddMixed(in G2Affine other) => other.IsInfinity ? this : new(point.AddMixed(other.X, other.Y));

    public G2Jacobian SubtractMixed(in G2Affine other) => other.IsInfinity ? this : new(point.AddMixed(other.X, -other.Y));

    public G2Jacobian Multiply(Fr scalar) => ScalarMultiplication.Multiply<G2Jacobian, G2Affine, Fp2>(this, scalar.ToCanonical());

    /// <summary>Multiplication by any non-negative integer below 2^256 (e.g. the group order, for tests).</summary>
    public G2Jacobian Multiply(BigInteger scalar) => ScalarMultiplication.Multiply<G2Jacobian, G2Affine, Fp2>(this, U256.FromBigInteger(scalar));

    public G2Affine ToAffine()
    {
        if (IsInfinity)
        {
            return G2Affine.Infinity;
        }

        var (x, y) = point.ToAffineCoordinates();
        return G2Affine.CreateUnchecked(x, y);
    }

    /// <summary>Σ sᵢ·Pᵢ (Pippenger).</summary>
    public static G2Jacobian MultiScalarMultiply(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars) =>
        Msm.Compute<G2Jacobian, G2Affine, Fp2>(points, scalars);

    static bool IJacobianPoint<G2Jacobian, G2Affine, Fp2>.TryGetCoordinates(in G2Affine point, out Fp2 x, out Fp2 y)
    {
        (x, y) = (point.X, point.Y);
        return !point.IsInfinity;
    }

    static G2Jacobian IJacobianPoint<G2Jacobian, G2Affine, Fp2>.FromCoordinates(in JacobianPoint<Fp2> point) => new(point);

    public bool Equals(G2Jacobian other) => point.Equals(other.point);

    public override bool Equals(object? obj) => obj is G2Jacobian o && Equals(o);

    public override int GetHashCode() => ToAffine().GetHashCode();
}
