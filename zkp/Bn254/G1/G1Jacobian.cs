using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G1;

/// <summary>A G1 point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity.</summary>
public readonly struct G1Jacobian : IJacobianPoint<G1Jacobian, G1Affine>, IEquatable<G1Jacobian>
{
    public readonly Fp X;
    public readonly Fp Y;
    public readonly Fp Z;

    public G1Jacobian(Fp x, Fp y, Fp z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static G1Jacobian Infinity => new(Fp.One, Fp.One, Fp.Zero);

    public static G1Jacobian Generator => G1Affine.Generator.ToJacobian();

    public bool IsInfinity => Z.IsZero;

    public static G1Jacobian operator +(G1Jacobian a, G1Jacobian b) => a.Add(b);

    public static G1Jacobian operator -(G1Jacobian a) => a.Negate();

    public static G1Jacobian operator -(G1Jacobian a, G1Jacobian b) => a.Add(b.Negate());

    public static G1Jacobian operator *(G1Jacobian a, Fr scalar) => a.Multiply(scalar);

    public static bool operator ==(G1Jacobian a, G1Jacobian b) => a.Equals(b);

    public static bool operator !=(G1Jacobian a, G1Jacobian b) => !a.Equals(b);

    public G1Jacobian Negate() => new(X, -Y, Z);

    /// <summary>dbl-2009-l (a = 0).</summary>
    public G1Jacobian Double()
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
    public G1Jacobian Add(in G1Jacobian other)
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
    public G1Jacobian AddMixed(in G1Affine other)
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

    public G1Jacobian SubtractMixed(in G1Affine other) => AddMixed(other.Negate());

    public G1Jacobian Multiply(Fr scalar) => ScalarMultiplication.Multiply<G1Jacobian, G1Affine>(this, scalar.ToCanonical());

    /// <summary>Multiplication by any non-negative integer below 2^256 (e.g. the group order, for tests).</summary>
    public G1Jacobian Multiply(BigInteger scalar) => ScalarMultiplication.Multiply<G1Jacobian, G1Affine>(this, U256.FromBigInteger(scalar));

    public G1Affine ToAffine()
    {
        if (IsInfinity)
        {
            return G1Affine.Infinity;
        }

        var zInv = Z.Inverse();
        var zInv2 = zInv.Square();
        return G1Affine.CreateUnchecked(X * zInv2, Y * zInv2 * zInv);
    }

    /// <summary>Σ sᵢ·Pᵢ (Pippenger).</summary>
    public static G1Jacobian MultiScalarMultiply(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars) =>
        Msm.Compute<G1Jacobian, G1Affine>(points, scalars);

    /// <summary>Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.</summary>
    public bool Equals(G1Jacobian other)
    {
        if (IsInfinity || other.IsInfinity)
        {
            return IsInfinity && other.IsInfinity;
        }

        var z1z1 = Z.Square();
        var z2z2 = other.Z.Square();
        return X * z2z2 == other.X * z1z1 && Y * z2z2 * other.Z == other.Y * z1z1 * Z;
    }

    public override bool Equals(object? obj) => obj is G1Jacobian o && Equals(o);

    public override int GetHashCode() => ToAffine().GetHashCode();
}
