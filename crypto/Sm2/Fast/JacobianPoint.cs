namespace GovChain.Crypto.Sm2Fast;

/// <summary>
/// Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is O) for verification, where everything is public and speed
/// matters more than uniformity: doubling dbl-2001-b for a = -3 (3M + 5S), mixed addition madd-2007-bl (7M + 4S).
/// </summary>
internal struct JacobianPoint
{
    public U256 X;
    public U256 Y;
    public U256 Z;

    public readonly bool IsIdentity => Z.IsZero;

    public static JacobianPoint FromAffine(in AffinePoint p) => new() { X = p.X, Y = p.Y, Z = Sm2Field.One };

    public static void Double(ref JacobianPoint p)
    {
        if (p.IsIdentity)
        {
            return;
        }

        Sm2Field.Square(in p.Z, out var delta);
        Sm2Field.Square(in p.Y, out var gamma);
        Sm2Field.Mul(in p.X, in gamma, out var beta);
        Sm2Field.Sub(in p.X, in delta, out var t0);
        Sm2Field.Add(in p.X, in delta, out var t1);
        Sm2Field.Mul(in t0, in t1, out var alpha);
        Sm2Field.Add(in alpha, in alpha, out t0);
        Sm2Field.Add(in alpha, in t0, out alpha);

        Sm2Field.Add(in p.Y, in p.Z, out t0);
        Sm2Field.Square(in t0, out t0);
        Sm2Field.Sub(in t0, in gamma, out t0);
        Sm2Field.Sub(in t0, in delta, out p.Z);

        Sm2Field.Add(in beta, in beta, out var beta2);
        Sm2Field.Add(in beta2, in beta2, out var beta4);
        Sm2Field.Square(in alpha, out var x3);
        Sm2Field.Add(in beta4, in beta4, out t1);
        Sm2Field.Sub(in x3, in t1, out x3);

        Sm2Field.Sub(in beta4, in x3, out t0);
        Sm2Field.Mul(in alpha, in t0, out t0);
        Sm2Field.Square(in gamma, out t1);
        Sm2Field.Add(in t1, in t1, out t1);
        Sm2Field.Add(in t1, in t1, out t1);
        Sm2Field.Add(in t1, in t1, out t1);
        Sm2Field.Sub(in t0, in t1, out p.Y);
        p.X = x3;
    }

    /// <summary>p += q for an affine q, with the exceptional cases (p = O, p = ±q) handled by branches.</summary>
    public static void AddAffine(ref JacobianPoint p, in AffinePoint q)
    {
        if (p.IsIdentity)
        {
            p = FromAffine(in q);
            return;
        }

        Sm2Field.Square(in p.Z, out var z1z1);
        Sm2Field.Mul(in q.X, in z1z1, out var u2);
        Sm2Field.Mul(in p.Z, in z1z1, out var s2);
        Sm2Field.Mul(in q.Y, in s2, out s2);
        Sm2Field.Sub(in u2, in p.X, out var h);
        Sm2Field.Sub(in s2, in p.Y, out var r);
        if (h.IsZero)
        {
            if (r.IsZero)
            {
                Double(ref p);
            }
            else
            {
                p = default;
            }

            return;
        }

        Sm2Field.Add(in r, in r, out r);
        Sm2Field.Square(in h, out var hh);
        Sm2Field.Add(in hh, in hh, out var i);
        Sm2Field.Add(in i, in i, out i);
        Sm2Field.Mul(in h, in i, out var j);
        Sm2Field.Mul(in p.X, in i, out var v);

        Sm2Field.Square(in r, out var x3);
        Sm2Field.Sub(in x3, in j, out x3);
        Sm2Field.Sub(in x3, in v, out x3);
        Sm2Field.Sub(in x3, in v, out x3);

        Sm2Field.Sub(in v, in x3, out var t);
        Sm2Field.Mul(in r, in t, out t);
        Sm2Field.Mul(in p.Y, in j, out var yj);
        Sm2Field.Add(in yj, in yj, out yj);
        Sm2Field.Sub(in t, in yj, out var y3);

        Sm2Field.Add(in p.Z, in h, out var z3);
        Sm2Field.Square(in z3, out z3);
        Sm2Field.Sub(in z3, in z1z1, out z3);
        Sm2Field.Sub(in z3, in hh, out p.Z);
        p.X = x3;
        p.Y = y3;
    }

    /// <summary>The canonical affine x, or false for O.</summary>
    public readonly bool TryGetAffineX(out U256 x)
    {
        x = default;
        if (IsIdentity)
        {
            return false;
        }

        Sm2Field.Invert(in Z, out var zInv);
        Sm2Field.Square(in zInv, out var zInv2);
        Sm2Field.Mul(in X, in zInv2, out var xm);
        Sm2Field.FromMontgomery(in xm, out x);
        return true;
    }
}

/// <summary>An affine point in Montgomery form (never O).</summary>
internal struct AffinePoint
{
    public U256 X;
    public U256 Y;

    public readonly AffinePoint Negated()
    {
        var r = this;
        Sm2Field.Negate(in Y, out r.Y);
        return r;
    }

    /// <summary>Affine forms of projective points, with one shared inversion (Montgomery's trick).</summary>
    public static AffinePoint[] Normalize(ReadOnlySpan<ProjectivePoint> points)
    {
        var prefix = new U256[points.Length];
        var acc = Sm2Field.One;
        for (var i = 0; i < points.Length; i++)
        {
            prefix[i] = acc;
            Sm2Field.Mul(in acc, in points[i].Z, out acc);
        }

        Sm2Field.Invert(in acc, out var inv);
        var result = new AffinePoint[points.Length];
        for (var i = points.Length - 1; i >= 0; i--)
        {
            Sm2Field.Mul(in inv, in prefix[i], out var zInv);
            Sm2Field.Mul(in inv, in points[i].Z, out inv);
            Sm2Field.Mul(in points[i].X, in zInv, out result[i].X);
            Sm2Field.Mul(in points[i].Y, in zInv, out result[i].Y);
        }

        return result;
    }
}
