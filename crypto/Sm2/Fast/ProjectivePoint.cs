using System.Runtime.CompilerServices;

namespace GovChain.Crypto.Sm2Fast;

/// <summary>
/// A point of sm2p256v1 in homogeneous projective coordinates (X:Y:Z), field elements in Montgomery form; (0:1:0) is O.
/// Addition uses the complete formulas of Renes, Costello and Batina (2016, Algorithm 4 for a = -3): one formula for
/// every pair of inputs, O and doubling included, so that secret-dependent code has no exceptional branches.
/// </summary>
internal struct ProjectivePoint
{
    public U256 X;
    public U256 Y;
    public U256 Z;

    /// <summary>b of y² = x³ - 3x + b, in Montgomery form.</summary>
    private static readonly U256 B = new(0x90D230632BC0DD42UL, 0x71CF379AE9B537ABUL, 0x527981505EA51C3CUL, 0x240FE188BA20E2C8UL);

    public static ProjectivePoint Identity => new() { X = default, Y = Sm2Field.One, Z = default };

    public static ProjectivePoint Generator => new()
    {
        X = new(0x61328990F418029EUL, 0x3E7981EDDCA6C050UL, 0xD6A1ED99AC24C3C3UL, 0x91167A5EE1C13B05UL),
        Y = new(0xC1354E593C2D0DDDUL, 0xC1F5E5788D3295FAUL, 0x8D4CFB066E2A48F8UL, 0x63CD65D481D735BDUL),
        Z = Sm2Field.One,
    };

    /// <summary>r = p + q for any p, q (complete; r may alias either input).</summary>
    public static void Add(in ProjectivePoint p, in ProjectivePoint q, out ProjectivePoint r)
    {
        Sm2Field.Mul(in p.X, in q.X, out var t0);
        Sm2Field.Mul(in p.Y, in q.Y, out var t1);
        Sm2Field.Mul(in p.Z, in q.Z, out var t2);
        Sm2Field.Add(in p.X, in p.Y, out var t3);
        Sm2Field.Add(in q.X, in q.Y, out var t4);
        Sm2Field.Mul(in t3, in t4, out t3);
        Sm2Field.Add(in t0, in t1, out t4);
        Sm2Field.Sub(in t3, in t4, out t3);
        Sm2Field.Add(in p.Y, in p.Z, out t4);
        Sm2Field.Add(in q.Y, in q.Z, out var x3);
        Sm2Field.Mul(in t4, in x3, out t4);
        Sm2Field.Add(in t1, in t2, out x3);
        Sm2Field.Sub(in t4, in x3, out t4);
        Sm2Field.Add(in p.X, in p.Z, out x3);
        Sm2Field.Add(in q.X, in q.Z, out var y3);
        Sm2Field.Mul(in x3, in y3, out x3);
        Sm2Field.Add(in t0, in t2, out y3);
        Sm2Field.Sub(in x3, in y3, out y3);
        Sm2Field.Mul(in B, in t2, out var z3);
        Sm2Field.Sub(in y3, in z3, out x3);
        Sm2Field.Add(in x3, in x3, out z3);
        Sm2Field.Add(in x3, in z3, out x3);
        Sm2Field.Sub(in t1, in x3, out z3);
        Sm2Field.Add(in t1, in x3, out x3);
        Sm2Field.Mul(in B, in y3, out y3);
        Sm2Field.Add(in t2, in t2, out t1);
        Sm2Field.Add(in t1, in t2, out t2);
        Sm2Field.Sub(in y3, in t2, out y3);
        Sm2Field.Sub(in y3, in t0, out y3);
        Sm2Field.Add(in y3, in y3, out t1);
        Sm2Field.Add(in t1, in y3, out y3);
        Sm2Field.Add(in t0, in t0, out t1);
        Sm2Field.Add(in t1, in t0, out t0);
        Sm2Field.Sub(in t0, in t2, out t0);
        Sm2Field.Mul(in t4, in y3, out t1);
        Sm2Field.Mul(in t0, in y3, out t2);
        Sm2Field.Mul(in x3, in z3, out y3);
        Sm2Field.Add(in y3, in t2, out y3);
        Sm2Field.Mul(in t3, in x3, out x3);
        Sm2Field.Sub(in x3, in t1, out x3);
        Sm2Field.Mul(in t4, in z3, out z3);
        Sm2Field.Mul(in t3, in t0, out t1);
        Sm2Field.Add(in z3, in t1, out z3);
        r.X = x3;
        r.Y = y3;
        r.Z = z3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in ProjectivePoint p, out ProjectivePoint r) => Add(in p, in p, out r);

    /// <summary>Constant-time select: mask all ones picks <paramref name="a"/>.</summary>
    public static void Select(ulong mask, in ProjectivePoint a, in ProjectivePoint b, out ProjectivePoint r)
    {
        U256.Select(mask, in a.X, in b.X, out r.X);
        U256.Select(mask, in a.Y, in b.Y, out r.Y);
        U256.Select(mask, in a.Z, in b.Z, out r.Z);
    }

    /// <summary>Affine coordinates in canonical (non-Montgomery) form; false for O.</summary>
    public readonly bool TryGetAffine(out U256 x, out U256 y)
    {
        Sm2Field.Invert(in Z, out var zInv);
        Sm2Field.Mul(in X, in zInv, out var xm);
        Sm2Field.Mul(in Y, in zInv, out var ym);
        Sm2Field.FromMontgomery(in xm, out x);
        Sm2Field.FromMontgomery(in ym, out y);
        return !Z.IsZero;
    }

    /// <summary>Builds a point from canonical affine coordinates, checking y² = x³ - 3x + b.</summary>
    public static bool TryFromAffine(in U256 x, in U256 y, out ProjectivePoint p)
    {
        p = default;
        if (!Sm2Field.TryToMontgomery(in x, out p.X) | !Sm2Field.TryToMontgomery(in y, out p.Y))
        {
            return false;
        }

        p.Z = Sm2Field.One;
        Sm2Field.Square(in p.Y, out var lhs);
        Sm2Field.Square(in p.X, out var rhs);
        Sm2Field.Mul(in rhs, in p.X, out rhs);
        Sm2Field.Add(in p.X, in p.X, out var threeX);
        Sm2Field.Add(in threeX, in p.X, out threeX);
        Sm2Field.Sub(in rhs, in threeX, out rhs);
        Sm2Field.Add(in rhs, in B, out rhs);
        return lhs.Equals(in rhs);
    }
}
