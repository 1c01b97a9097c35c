using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254;

/// <summary>
/// A point of y² = x³ + b over any field, in Jacobian coordinates (X/Z², Y/Z³; Z = 0 is infinity). The formulas do
/// not involve b, so G1 (over F_p) and G2 (over F_p²) are both thin wrappers around this one implementation.
/// </summary>
internal readonly struct JacobianPoint<TField>
    where TField : struct, IField<TField>
{
    public readonly TField X;
    public readonly TField Y;
    public readonly TField Z;

    public JacobianPoint(in TField x, in TField y, in TField z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<TField> Infinity => new(TField.One, TField.One, TField.Zero);

    public bool IsInfinity => Z.IsZero;

    public JacobianPoint<TField> Negate() => new(X, -Y, Z);

    /// <summary>dbl-2009-l (a = 0).</summary>
    public JacobianPoint<TField> Double()
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
    public JacobianPoint<TField> Add(in JacobianPoint<TField> other)
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

    /// <summary>madd-2007-bl: adds the finite affine point (x2, y2).</summary>
    public JacobianPoint<TField> AddMixed(in TField x2, in TField y2)
    {
        if (IsInfinity)
        {
            return new(x2, y2, TField.One);
        }

        var z1z1 = Z.Square();
        var u2 = x2 * z1z1;
        var s2 = y2 * Z * z1z1;
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

    /// <summary>The affine coordinates of a finite point (one field inversion).</summary>
    public (TField X, TField Y) ToAffineCoordinates()
    {
        var zInv = Z.Inverse();
        var zInv2 = zInv.Square();
        return (X * zInv2, Y * zInv2 * zInv);
    }

    /// <summary>Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.</summary>
    public bool Equals(in JacobianPoint<TField> other)
    {
        if (IsInfinity || other.IsInfinity)
        {
            return IsInfinity && other.IsInfinity;
        }

        var z1z1 = Z.Square();
        var z2z2 = other.Z.Square();
        return (X * z2z2).Equals(other.X * z1z1) && (Y * z2z2 * other.Z).Equals(other.Y * z1z1 * Z);
    }
}
