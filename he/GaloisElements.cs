namespace GovChain.He;

/// <summary>SEAL's mapping from rotation steps to Galois elements of Z/2n (generator 3 for rows, 2n − 1 for columns).</summary>
public static class GaloisElements
{
    private const ulong Generator = 3;

    public static ulong FromStep(int n, int step)
    {
        var m = 2UL * (ulong)n;
        if (step == 0)
        {
            return m - 1;
        }

        var rowSize = n / 2;
        var magnitude = Math.Abs((long)step);
        if (magnitude >= rowSize)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"row rotation by {step} must be smaller than {rowSize} in magnitude");
        }

        var exponent = step > 0 ? magnitude : rowSize - magnitude;
        ulong g = 1;
        for (long i = 0; i < exponent; i++)
        {
            g = g * Generator % m;
        }

        return g;
    }

    /// <summary>2n − 1, then 3^(2^i) and 3^(−2^i) for i below log2(n) − 1, as SEAL's create_galois_keys() lists them.</summary>
    public static IReadOnlyList<ulong> PowerOfTwo(int n)
    {
        var m = 2UL * (ulong)n;
        var result = new List<ulong> { m - 1 };
        var positive = Generator;
        var negative = Inverse(Generator, m);
        for (var i = 0; i < System.Numerics.BitOperations.Log2((uint)n) - 1; i++)
        {
            result.Add(positive);
            result.Add(negative);
            positive = positive * positive % m;
            negative = negative * negative % m;
        }

        return result;
    }

    internal static void Check(int n, ulong g)
    {
        if ((g & 1) == 0 || g >= 2UL * (ulong)n)
        {
            throw new ArgumentOutOfRangeException(nameof(g), $"Galois element {g} must be odd and below {2 * n}");
        }
    }

    private static ulong Inverse(ulong a, ulong m)
    {
        for (ulong x = 1; x < m; x += 2)
        {
            if (a * x % m == 1)
            {
                return x;
            }
        }

        throw new ArithmeticException("no inverse");
    }
}
