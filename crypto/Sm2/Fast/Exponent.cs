namespace GovChain.Crypto.Sm2Fast;

/// <summary>Fixed-window exponentiation in a Montgomery field, for inversions by Fermat's little theorem.</summary>
internal static unsafe class Exponent
{
    /// <summary>r = a^e. The exponent is public; the base is handled in constant time (every window multiplies).</summary>
    public static void Pow(in U256 a, U256 e, U256 one, delegate*<in U256, in U256, out U256, void> mul, out U256 r)
    {
        Span<U256> powers = stackalloc U256[16];
        powers[0] = one;
        powers[1] = a;
        for (var i = 2; i < 16; i++)
        {
            mul(in powers[i - 1], in a, out powers[i]);
        }

        var acc = one;
        for (var w = 63; w >= 0; w--)
        {
            for (var s = 0; s < 4; s++)
            {
                mul(in acc, in acc, out acc);
            }

            var digit = (int)e.Nibble(w);
            // The exponent is public, so indexing by its digit leaks nothing about a.
            mul(in acc, in powers[digit], out acc);
        }

        r = acc;
    }
}
