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
    /// <summary>Verification splits each 256-bit scalar into four 64-bit limbs, so the doubling chain is 64 long.</summary>
    public const int Parts = 4;

    public const int KeyWidth = 5;
    private const int GeneratorWidth = 7;
    private const int NafLength = 66;
    private static readonly AffinePoint[][] GeneratorTables = SplitTables(ProjectivePoint.Generator, GeneratorWidth);

    /// <summary>For P_j = 2^(64j)·P (j = 0..3), the affine odd multiples P_j, 3P_j, …, (2^(w-1) - 1)P_j.</summary>
    public static AffinePoint[][] SplitTables(in ProjectivePoint p, int width)
    {
        var perPart = 1 << (width - 2);
        var all = new ProjectivePoint[Parts * perPart];
        var basePoint = p;
        for (var j = 0; j < Parts; j++)
        {
            if (j > 0)
            {
                basePoint = MultiplyByPowerOfTwo(in basePoint, 64);
            }

            all[j * perPart] = basePoint;
            ProjectivePoint.Double(in basePoint, out var twice);
            for (var i = 1; i < perPart; i++)
            {
                ProjectivePoint.Add(in all[(j * perPart) + i - 1], in twice, out all[(j * perPart) + i]);
            }
        }

        var affine = AffinePoint.Normalize(all);
        var tables = new AffinePoint[Parts][];
        for (var j = 0; j < Parts; j++)
        {
            tables[j] = affine.AsSpan(j * perPart, perPart).ToArray();
        }

        return tables;
    }

    /// <summary>[s]G + [t]P for public s, t (verification), as x/Z² in Jacobian form: one 64-step doubling chain over
    /// eight interleaved wNAFs, one per 64-bit limb of s (width 7, static tables) and of t (width 5, the key's cached
    /// tables). Variable time. Returns false for O.</summary>
    public static bool TryMultiplyAddVartime(in U256 s, in U256 t, AffinePoint[][] keyTables, out JacobianPoint result)
    {
        Span<sbyte> nafS = stackalloc sbyte[Parts * NafLength];
        Span<sbyte> nafT = stackalloc sbyte[Parts * NafLength];
        var top = -1;
        for (var j = 0; j < Parts; j++)
        {
            top = Math.Max(top, Wnaf(new U256(Limb(in s, j), 0, 0, 0), GeneratorWidth, nafS.Slice(j * NafLength, NafLength)));
            top = Math.Max(top, Wnaf(new U256(Limb(in t, j), 0, 0, 0), KeyWidth, nafT.Slice(j * NafLength, NafLength)));
        }

        var acc = default(JacobianPoint);
        for (var i = top; i >= 0; i--)
        {
            JacobianPoint.Double(ref acc);
            for (var j = 0; j < Parts; j++)
            {
                Add(ref acc, nafS[(j * NafLength) + i], GeneratorTables[j]);
                Add(ref acc, nafT[(j * NafLength) + i], keyTables[j]);
            }
        }

        result = acc;
        return !acc.IsIdentity;
    }

    private static ulong Limb(in U256 v, int j) => j switch { 0 => v.L0, 1 => v.L1, 2 => v.L2, _ => v.L3 };

    private static ProjectivePoint MultiplyByPowerOfTwo(in ProjectivePoint p, int doublings)
    {
        // Jacobian doubling is cheaper than the complete formula; convert in and out (P is never O here).
        p.TryGetAffine(out var x, out var y);
        Sm2Field.TryToMontgomery(in x, out var xm);
        Sm2Field.TryToMontgomery(in y, out var ym);
        var j = new JacobianPoint { X = xm, Y = ym, Z = Sm2Field.One };
        for (var i = 0; i < doublings; i++)
        {
            JacobianPoint.Double(ref j);
        }

        // Jacobian (X, Y, Z) is projective (X·Z, Y, Z³).
        var r = default(ProjectivePoint);
        Sm2Field.Mul(in j.X, in j.Z, out r.X);
        r.Y = j.Y;
        Sm2Field.Square(in j.Z, out var z2);
        Sm2Field.Mul(in z2, in j.Z, out r.Z);
        return r;
    }

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
