using System.Numerics;

namespace GovChain.He.Tests;

/// <summary>Independent slot arithmetic in BigInteger modulo t, the truth homomorphic results are checked against.</summary>
internal static class Expected
{
    public static ulong[] RotateRows(ulong[] slots, int steps)
    {
        var half = slots.Length / 2;
        var result = new ulong[slots.Length];
        for (var row = 0; row < 2; row++)
        {
            for (var i = 0; i < half; i++)
            {
                result[(row * half) + i] = slots[(row * half) + (((i + steps) % half) + half) % half];
            }
        }

        return result;
    }

    public static ulong[] RotateColumns(ulong[] slots)
    {
        var half = slots.Length / 2;
        return slots[half..].Concat(slots[..half]).ToArray();
    }

    public static ulong[] Map(ulong[] a, ulong[] b, ulong t, Func<BigInteger, BigInteger, BigInteger> f) =>
        a.Select((x, i) => Mod(f(x, b[i]), t)).ToArray();

    public static ulong Dot(ulong[] slots, ulong[] weights, ulong t)
    {
        var sum = BigInteger.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += new BigInteger(slots[i]) * weights[i];
        }

        return Mod(sum, t);
    }

    public static ulong Mod(BigInteger v, ulong t)
    {
        var r = v % t;
        return (ulong)(r < 0 ? r + t : r);
    }
}
