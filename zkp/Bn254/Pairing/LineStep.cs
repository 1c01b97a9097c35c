using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G2;

namespace GovChain.Zkp.Bn254.Pairing;

/// <summary>
/// A Miller-loop line before evaluation at P: its value at P = (x, y) is R0·y + R1·x·w + R2·w³, the sparse F_p¹²
/// element that untwisting (x, y) ↦ (x·w², y·w³) gives. F_p² scale factors are erased by the final exponentiation.
/// An evaluated line is kept in the same shape, as (R0·y, R1·x, R2).
/// </summary>
internal readonly record struct Line(Fp2 R0, Fp2 R1, Fp2 R2);

/// <summary>
/// The running point T of the Miller loop on the twist, in homogeneous projective coordinates (x = X/Z, y = Y/Z).
/// Formulas: Costello–Lange–Naehrig, "Faster pairing computations on curves with high-degree twists" (2010).
/// </summary>
internal struct LineStep
{
    private static readonly Fp2 ThreeB = G2Affine.B * Fp.FromUInt64(3);

    private Fp2 x;
    private Fp2 y;
    private Fp2 z;

    public LineStep(in G2Affine q)
    {
        x = q.X;
        y = q.Y;
        z = Fp2.One;
    }

    /// <summary>
    /// False once a step met an exceptional case (T = ±Q or T = ∞): every formula below then yields Z = 0, and Z = 0
    /// stays 0, so a finite T at the end means every step was an ordinary one.
    /// </summary>
    public readonly bool IsFinite => !z.IsZero;

    /// <summary>True when the finite T is the affine point <paramref name="q"/>.</summary>
    public readonly bool IsAt(in G2Affine q) => x == q.X * z && y == q.Y * z;

    /// <summary>T ← 2T; returns the tangent at T.</summary>
    public Line Double()
    {
        var a = (x * y).Half();
        var b = y.Square();
        var c = z.Square();
        var e = ThreeB * c;
        var f = e.Double() + e;
        var g = (b + f).Half();
        var h = (y + z).Square() - (b + c);
        var j = x.Square();
        var e2 = e.Square();

        x = a * (b - f);
        y = g.Square() - (e2.Double() + e2);
        z = b * h;
        return new Line(-h, j.Double() + j, e - b);
    }

    /// <summary>T ← T + Q for affine Q; returns the chord through T and Q.</summary>
    public Line Add(in G2Affine q)
    {
        var o = y - (q.Y * z);
        var l = x - (q.X * z);
        var c = o.Square();
        var d = l.Square();
        var e = l * d;
        var f = z * c;
        var g = x * d;
        var h = e + f - g.Double();
        var line = new Line(l, -o, (o * q.X) - (l * q.Y));

        x = l * h;
        y = (o * (g - h)) - (y * e);
        z *= e;
        return line;
    }
}
