using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254;

/// <summary>Double-and-add over a 4-bit fixed window; the table is built per call.</summary>
internal static class ScalarMultiplication
{
    public static TJac Multiply<TJac, TAff, TField>(in TJac point, in U256 scalar)
        where TJac : struct, IJacobianPoint<TJac, TAff, TField>
        where TAff : struct
        where TField : struct, IField<TField>
    {
        var table = new TJac[16];
        table[0] = TJac.Infinity;
        table[1] = point;
        for (var i = 2; i < 16; i++)
        {
            table[i] = (i & 1) == 0 ? table[i / 2].Double() : table[i - 1].Add(point);
        }

        var acc = TJac.Infinity;
        var top = (scalar.BitLength + 3) / 4;
        for (var w = top - 1; w >= 0; w--)
        {
            acc = acc.Double().Double().Double().Double();
            var nibble = Nibble(scalar, w);
            if (nibble != 0)
            {
                acc = acc.Add(table[nibble]);
            }
        }

        return acc;
    }

    private static int Nibble(in U256 s, int index)
    {
        var bit = index * 4;
        var limb = (bit >> 6) switch { 0 => s.L0, 1 => s.L1, 2 => s.L2, _ => s.L3 };
        return (int)(limb >> (bit & 63) & 0xF);
    }
}
