namespace GovChain.Crypto.Sm2Fast;

/// <summary>Scalar multiplications on sm2p256v1: constant time for secret scalars, wNAF for public ones.</summary>
internal static class ScalarMultiplication
{
    /// <summary>[k]G in constant time: 64 table look-ups that read every entry, 64 complete additions, 64 selects.</summary>
    public static void MultiplyBase(in U256 k, out ProjectivePoint r)
    {
        var acc = ProjectivePoint.Identity;
        for (var i = 0; i < GeneratorTable.Windows; i++)
        {
            var digit = k.Nibble(i);
            GeneratorTable.LookupConstantTime(i, digit, out var entry);
            ProjectivePoint.Add(in acc, in entry, out var sum);
            var nonZero = 0UL - (ulong)((digit | (0U - digit)) >> 31);
            ProjectivePoint.Select(nonZero, in sum, in acc, out acc);
        }

        r = acc;
    }

    /// <summary>[k]P in constant time: a fixed 4-bit window over 0·P … 15·P, every entry read at every step.</summary>
    public static void Multiply(in ProjectivePoint p, in U256 k, out ProjectivePoint r)
    {
        Span<ProjectivePoint> table = stackalloc ProjectivePoint[16];
        table[0] = ProjectivePoint.Identity;
        table[1] = p;
        for (var j = 2; j < 16; j++)
        {
            ProjectivePoint.Add(in table[j - 1], in p, out table[j]);
        }

        var acc = ProjectivePoint.Identity;
        for (var w = 63; w >= 0; w--)
        {
            for (var s = 0; s < 4; s++)
            {
                ProjectivePoint.Double(in acc, out acc);
            }

            var digit = k.Nibble(w);
            var entry = table[0];
            for (var j = 1; j < 16; j++)
            {
                var mask = 0UL - (ulong)((((uint)j ^ digit) - 1) >> 31);
                ProjectivePoint.Select(mask, in table[j], in entry, out entry);
            }

            ProjectivePoint.Add(in acc, in entry, out acc);
        }

        r = acc;
    }

    /// <summary>Affine odd multiples P, 3P, …, (2^(w-1) - 1)P for a width-w NAF.</summary>
    public static AffinePoint[] OddMultiplesOf(in ProjectivePoint p, int width)
    {
        var table = new ProjectivePoint[1 << (width - 2)];
        table[0] = p;
        ProjectivePoint.Double(in p, out var twice);
        for (var i = 1; i < table.Length; i++)
        {
            ProjectivePoint.Add(in table[i - 1], in twice, out table[i]);
        }

        return AffinePoint.Normalize(table);
    }

    /// <summary>[s]G + [t]P for public s, t (verification): one shared doubling chain over interleaved wNAFs, width 7
    /// for G (a static table) and width 5 for P (the key's cached table). Variable time.</summary>
    public static bool TryMultiplyAddVartime(in U256 s, in U256 t, ReadOnlySpan<AffinePoint> oddMultiplesOfP, out U256 affineX)
    {
        Span<sbyte> nafS = stackalloc sbyte[258];
        Span<sbyte> nafT = stackalloc sbyte[258];
        var top = Math.Max(Wnaf(s, GeneratorWidth, nafS), Wnaf(t, KeyWidth, nafT));
        var acc = default(JacobianPoint);
        var g = GeneratorOddMultiples;
        for (var i = top; i >= 0; i--)
        {
            JacobianPoint.Double(ref acc);
            Add(ref acc, nafS[i], g);
            Add(ref acc, nafT[i], oddMultiplesOfP);
        }

        return acc.TryGetAffineX(out affineX);
    }

    public const int KeyWidth = 5;
    private const int GeneratorWidth = 7;
    private static readonly AffinePoint[] GeneratorOddMultiples = OddMultiplesOf(ProjectivePoint.Generator, GeneratorWidth);

    private static void Add(ref JacobianPoint acc, int digit, ReadOnlySpan<AffinePoint> table)
    {
        if (digit > 0)
        {
            JacobianPoint.AddAffine(ref acc, in table[digit >> 1]);
        }
        else if (digit < 0)
        {
            JacobianPoint.AddAffine(ref acc, table[-digit >> 1].Negated());
        }
    }

    /// <summary>Width-w non-adjacent form of k (digits odd, |d| &lt; 2^(w-1)); returns the index of the top digit, or -1.</summary>
    private static int Wnaf(U256 k, int width, Span<sbyte> digits)
    {
        digits.Clear();
        ulong extra = 0; // a 257th bit, set when a negative digit carries out of the top limb
        var top = -1;
        for (var i = 0; i < digits.Length && (!k.IsZero || extra != 0); i++)
        {
            if ((k.L0 & 1) != 0)
            {
                var d = (int)(k.L0 & ((1UL << width) - 1));
                if (d >= 1 << (width - 1))
                {
                    d -= 1 << width;
                }

                digits[i] = (sbyte)d;
                top = i;
                if (d > 0)
                {
                    U256.Sub(in k, new U256((ulong)d, 0, 0, 0), out k);
                }
                else
                {
                    extra += U256.Add(in k, new U256((ulong)-d, 0, 0, 0), out k);
                }
            }

            k.L0 = (k.L0 >> 1) | (k.L1 << 63);
            k.L1 = (k.L1 >> 1) | (k.L2 << 63);
            k.L2 = (k.L2 >> 1) | (k.L3 << 63);
            k.L3 = (k.L3 >> 1) | (extra << 63);
            extra = 0;
        }

        return top;
    }
}
