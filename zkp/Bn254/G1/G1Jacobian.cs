using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G1;

/// <summary>A G1 point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity. Formulas: <see cref="JacobianPoint{TField}"/>.</summary>
public readonly struct G1Jacobian : IJacobianPoint<G1Jacobian, G1Affine, Fp>, IEquatable<G1Jacobian>
{
    private readonly JacobianPoint<Fp> point;

    public G1Jacobian(Fp x, Fp y, Fp z) => point = new(x, y, z);

    private G1Jacobian(in JacobianPoint<Fp> point) => this.point = point;

    public Fp X => point.X;

    public Fp Y => point.Y;

    public Fp Z => point.Z;

    public static G1Jacobian Infinity => new(JacobianPoint<Fp>.Infinity);

    public static G1Jacobian Generator => G1Affine.Generator.ToJacobian();

    public bool IsInfinity => point.IsInfinity;

    public static G1Jacobian operator +(G1Jacobian a, G1Jacobian b) => a.Add(b);

    public static G1Jacobian operator -(G1Jacobian a) => a.Negate();

    public static G1Jacobian operator -(G1Jacobian a, G1Jacobian b) => a.Add(b.Negate());

    public static G1Jacobian operator *(G1Jacobian a, Fr scalar) => a.Multiply(scalar);

    public static bool operator ==(G1Jacobian a, G1Jacobian b) => a.Equals(b);

    public static bool operator !=(G1Jacobian a, G1Jacobian b) => !a.Equals(b);

    public G1Jacobian Negate() => new(point.Negate());

    public G1Jacobian Double() => new(point.Double());

    public G1Jacobian Add(in G1Jacobian other) => new(point.Add(other.point));

    public G1Jacobian AddMixed(in G1Affine other) => other.IsInfinity ? this : new(point.AddMixed(other.X, other.Y));

    public G1Jacobian SubtractMixed(in G1Affine other) => other.IsInfinity ? this : new(point.AddMixed(other.X, -other.Y));

    public G1Jacobian Multiply(Fr scalar) => ScalarMultiplication.Multiply<G1Jacobian, G1Affine, Fp>(this, scalar.ToCanonical());

    /// <summary>Multiplication by any non-negative integer below 2^256 (e.g. the group order, for tests).</summary>
    public G1Jacobian Multiply(BigInteger scalar) => ScalarMultiplication.Multiply<G1Jacobian, G1Affine, Fp>(this, U256.FromBigInteger(scalar));

    public G1Affine ToAffine()
    {
        if (IsInfinity)
        {
            return G1Affine.Infinity;
        }

        var (x, y) = point.ToAffineCoordinates();
        return G1Affine.CreateUnchecked(x, y);
    }

    /// <summary>Σ sᵢ·Pᵢ (Pippenger).</summary>
    public static G1Jacobian MultiScalarMultiply(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars) =>
        Msm.Compute<G1Jacobian, G1Affine, Fp>(points, scalars);

    static bool IJacobianPoint<G1Jacobian, G1Affine, Fp>.TryGetCoordinates(in G1Affine point, out Fp x, out Fp y)
    {
        (x, y) = (point.X, point.Y);
        return !point.IsInfinity;
    }

    static G1Jacobian IJacobianPoint<G1Jacobian, G1Affine, Fp>.FromCoordinates(in JacobianPoint<Fp> point) => new(point);

    public bool Equals(G1Jacobian other) => point.Equals(other.point);

    public override bool Equals(object? obj) => obj is G1Jacobian o && Equals(o);

    public override int GetHashCode() => ToAffine().GetHashCode();
}
