namespace GovChain.Crypto.Sm2Fast;

/// <summary>
/// Comb table for [k]G: entry (i, j) = j·16^i·G for 64 windows i and digits j = 1..15, affine, Montgomery form.
/// 960 points (60 KiB), built once. [k]G is then 64 additions and no doublings.
/// </summary>
internal static class GeneratorTable
{
    public const int Windows = 64;
    private const int Digits = 15;

    // X and Y of entry (i, j) live at [2·(15·i + j - 1)] and the next slot.
    private static readonly U256[] Table = Build();

    /// <summary>Constant time: reads every entry of window <paramref name="window"/> and keeps the one for <paramref name="digit"/>.
    /// Digit 0 yields (0, 0, 1), which callers must discard with a constant-time select.</summary>
    public static void LookupConstantTime(int window, uint digit, out ProjectivePoint r)
    {
        r = default;
        r.Z = Sm2Field.One;
        var baseIndex = 2 * Digits * window;
        for (var j = 1; j <= Digits; j++)
        {
            var mask = 0UL - (ulong)((((uint)j ^ digit) - 1) >> 31);
            ref readonly var x = ref Table[baseIndex + (2 * (j - 1))];
            ref readonly var y = ref Table[baseIndex + (2 * (j - 1)) + 1];
            r.X.L0 |= x.L0 & mask;
            r.X.L1 |= x.L1 & mask;
            r.X.L2 |= x.L2 & mask;
            r.X.L3 |= x.L3 & mask;
            r.Y.L0 |= y.L0 & mask;
            r.Y.L1 |= y.L1 & mask;
            r.Y.L2 |= y.L2 & mask;
            r.Y.L3 |= y.L3 & mask;
        }
    }

    private static U256[] Build()
    {
        var points = new ProjectivePoint[Windows * Digits];
        var windowBase = ProjectivePoint.Generator;
        for (var i = 0; i < Windows; i++)
        {
            points[i * Digits] = windowBase;
            for (var j = 1; j < Digits; j++)
            {
                ProjectivePoint.Add(in points[(i * Digits) + j - 1], in windowBase, out points[(i * Digits) + j]);
            }

            // The next window's base is 16 times this one's: 15·B + B.
            ProjectivePoint.Add(in points[(i * Digits) + Digits - 1], in windowBase, out windowBase);
        }

        return Normalize(points);
    }

    /// <summary>Batch inversion (Montgomery's trick): one inversion for all Z.</summary>
    private static U256[] Normalize(ProjectivePoint[] points)
    {
        var prefix = new U256[points.Length];
        var acc = Sm2Field.One;
        for (var i = 0; i < points.Length; i++)
        {
            prefix[i] = acc;
            Sm2Field.Mul(in acc, in points[i].Z, out acc);
        }

        Sm2Field.Invert(in acc, out var inv);
        var result = new U256[2 * points.Length];
        for (var i = points.Length - 1; i >= 0; i--)
        {
            Sm2Field.Mul(in inv, in prefix[i], out var zInv);
            Sm2Field.Mul(in inv, in points[i].Z, out inv);
            Sm2Field.Mul(in points[i].X, in zInv, out result[2 * i]);
            Sm2Field.Mul(in points[i].Y, in zInv, out result[(2 * i) + 1]);
        }

        return result;
    }
}
