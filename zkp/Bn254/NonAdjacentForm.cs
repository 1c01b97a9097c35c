using System.Numerics;

namespace GovChain.Zkp.Bn254;

/// <summary>Signed-digit (NAF) exponents: no two adjacent digits nonzero, so about a third of the digits are ±1.</summary>
internal static class NonAdjacentForm
{
    /// <summary>The digits of e ≥ 0 in {−1, 0, 1}, most significant first.</summary>
    public static sbyte[] Of(BigInteger e)
    {
        var digits = new List<sbyte>();
        while (e > 0)
        {
            sbyte d = 0;
            if (!e.IsEven)
            {
                d = (sbyte)(2 - (int)(e % 4));
                e -= d;
            }

            digits.Add(d);
            e >>= 1;
        }

        digits.Reverse();
        return [.. digits];
    }
}
