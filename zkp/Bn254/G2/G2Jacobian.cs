using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G2;

/// <summary>A G2 point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity.</summary>
public readonly struct G2Jacobian : IJacobianPoint<G2Jacobian, G2Affine>, IEquatable<G2Jacobian>
{
    public readonly Fp2 X;
    public readonly Fp2 Y;
    public readonly Fp2 Z;

    public G2Jacobian(Fp2 x, Fp2 y, Fp2 z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static G2Jacobian Infinity => new(Fp2.One, Fp2.One, Fp2.Zero);

    public static G2Jacobian Generator => G2Affine.Generator.ToJacobian();

    public bool IsInfinity => Z.IsZero;

    public static G2Jacobian operator +(G2Jacobian a, G2Jacobian b) => a.Add(b);

    public static G2Jacobian operator -(G2Jacobian a) => a.Negate();

    public static G2Jacobian operator -(G2Jacobian a, G2Jacobian b) => a.Add(b.Negate());

    public static G2Jacobian operator *(G2Jacobian a, Fr scalar) => a.Multiply(scalar);

    public static bool operator ==(G2Jacobian a, G2Jacobian b) => a.Equals(b);

    public static bool operator !=(G2Jacobian a, G2Jacobian b) => !a.Equals(b);

    public G2Jacobian Negate() => new(X, -Y, Z);

    /// <summary>dbl-2009-l (a = 0).</summary>
    public G2Jacobian Double()
    {
        if (IsInfinity)
        {
            return this;
        }

        var a = X.Square();
        var b = Y.Square();
        var c = b.Square();
        var d = ((X + b).Square() - a - c).Double();
        var e = a.Double() + a;
        var f = e.Square();
        var x3 = f - d.Double();
        var y3 = (e * (d - x3)) - c.Double().Double().Double();
        var z3 = (Y * Z).Double();
        return new(x3, y3, z3);
    }

    /// <summary>add-2007-bl, with the doubling and inverse cases handled.</summary>
    public G2Jacobian Add(in G2Jacobian other)
    {
        if (IsInfinity)
        {
            return other;
        }

        if (other.IsInfinity)
        {
            return this;
        }

        var z1z1 = Z.Square();
        var z2z2 = other.Z.Square();
        var u1 = X * z2z2;
        var u2 = other.X * z1z1;
        var s1 = Y * other.Z * z2z2;
        var s2 = other.Y * Z * z1z1;
        var h = u2 - u1;
        var r = (s2 - s1).Double();
        if (h.IsZero)
        {
            return r.IsZero ? Double() : Infinity;
        }

        var i = h.Double().Square();
        var j = h * i;
        var v = u1 * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = (r * (v - x3)) - (s1 * j).Double();
        var z3 = ((Z + other.Z).Square() - z1z1 - z2z2) * h;
        return new(x3, y3, z3);
    }

    /// <summary>madd-2007-bl: adds an affine point.</summary>
    public G2Jacobian AddMixed(in G2Affine other)
    {
        if (other.IsInfinity)
        {
            return this;
        }

        if (IsInfinity)
        {
            return other.ToJacobian();
        }

        var z1z1 = Z.Square();
        var u2 = other.X * z1z1;
        var s2 = other.Y * Z * z1z1;
        var h = u2 - X;
        var r = (s2 - Y).Double();
        if (h.IsZero)
        {
            return r.IsZero ? Double() : Infinity;
        }

        var hh = h.Square();
        var i = hh.Double().Double();
        var j = h * i;
        var v = X * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = (r * (v - x3)) - (Y * j).Double();
        var z3 = (Z + h).Square() - z1z1 - hh;
        return new(x3, y3, z3);
    }

    public G2Jacobian SubtractMixed(in G2Affine other) => AddMixed(other.Negate());

    public G2Jacobian Multiply(Fr scalar) => ScalarMultiplication.Multiply<G2Jacobian, G2Affine>(this, scalar.ToCanonical());

    /// <summary>Multiplication by any non-negative integer below 2^256 (e.g. the group order, for tests).</summary>
    public G2Jacobian Multiply(BigInteger scalar) => ScalarMultiplication.Multiply<G2Jacobian, G2Affine>(this, U256.FromBigInteger(scalar));

    public G2Affine ToAffine()
    {
        if (IsInfinity)
        {
            return G2Affine.Infinity;
        }

        var zInv = Z.Inverse();
        var zInv2 = zInv.Square();
        return G2Affine.CreateUnchecked(X * zInv2, Y * zInv2 * zInv);
    }

    /// <summary>Σ sᵢ·Pᵢ (Pippenger).</summary>
    public static G2Jacobian MultiScalarMultiply(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars) =>
        Msm.Compute<G2Jacobian, G2Affine>(points, scalars);

    /// <summary>Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.</summary>
    public bool Equals(G2Jacobian other)
    {
        if (IsInfinity || other.IsInfinity)
        {
            return IsInfinity && other.IsInfinity;
        }

        var z1z1 = Z.Square();
        var z2z2 = other.Z.Square();
        return X * z2z2 == other.X * z1z1 && Y * z2z2 * other.Z == other.Y * z1z1 * Z;
    }

    public override bool Equals(object? obj) => obj is G2Jacobian o && Equals(o);

    public override int GetHashCode() => ToAffine().GetHashCode();
}
