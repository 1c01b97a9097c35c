using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G1;

/// <summary>
/// The affine multiples d·2^(Width·w)·P of one fixed point, for every window w and digit d in 1 … 2^Width − 1, so that
/// s·P costs one mixed addition per nonzero window and no doublings. Verifying keys use it for their IC points.
/// </summary>
internal sealed class G1FixedBaseTable
{
    private const int Width = 6;
    private const int DigitsPerWindow = (1 << Width) - 1;
    private const int Windows = (256 + Width - 1) / Width;

    /// <summary>Entry (w, d) at w·DigitsPerWindow + d − 1; empty when the point is at infinity.</summary>
    private readonly G1Affine[] multiples;

    public G1FixedBaseTable(in G1Affine point)
    {
        if (point.IsInfinity)
        {
            multiples = [];
            return;
        }

        var jacobian = new G1Jacobian[Windows * DigitsPerWindow];
        var windowBase = point.ToJacobian();
        for (var w = 0; w < Windows; w++)
        {
            var acc = windowBase;
            for (var d = 0; d < DigitsPerWindow; d++)
            {
                jacobian[(w * DigitsPerWindow) + d] = acc;
                acc += windowBase;
            }

            windowBase = acc;
        }

        multiples = ToAffine(jacobian);
    }

    /// <summary>acc + s·P.</summary>
    public G1Jacobian AddMultiple(in G1Jacobian acc, in U256 scalar)
    {
        var result = acc;
        if (multiples.Length == 0)
        {
            return result;
        }

        for (var w = 0; w < Windows; w++)
        {
            var digit = Digit(scalar, w * Width);
            if (digit != 0)
            {
                result = result.AddMixed(multiples[(w * DigitsPerWindow) + digit - 1]);
            }
        }

        return result;
    }

    /// <summary>All points to affine with one field inversion (none of them is infinity: r is prime and exceeds every digit).</summary>
    private static G1Affine[] ToAffine(G1Jacobian[] points)
    {
        var inverses = new Fp[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            inverses[i] = points[i].Z;
        }

        Fp.BatchInverse(inverses);
        var result = new G1Affine[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var zInv2 = inverses[i].Square();
            result[i] = G1Affine.CreateUnchecked(points[i].X * zInv2, points[i].Y * zInv2 * inverses[i]);
        }

        return result;
    }

    private static int Digit(in U256 s, int bit)
    {
        var limb = bit >> 6;
        var shift = bit & 63;
        var value = Limb(s, limb) >> shift;
        if (shift > 64 - Width && limb < 3)
        {
            value |= Limb(s, limb + 1) << (64 - shift);
        }

        return (int)(value & DigitsPerWindow);
    }

    private static ulong Limb(in U256 s, int index) => index switch { 0 => s.L0, 1 => s.L1, 2 => s.L2, _ => s.L3 };
}
