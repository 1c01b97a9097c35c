namespace GovChain.He.Arithmetic;

/// <summary>Deterministic primality for 64-bit values and SEAL's search for NTT-friendly primes.</summary>
public static class Primes
{
    private static readonly ulong[] Witnesses = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    public static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (var p in Witnesses)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        var d = n - 1;
        var s = 0;
        while ((d & 1) == 0)
        {
            d >>= 1;
            s++;
        }

        foreach (var a in Witnesses)
        {
            var x = PowMod(a, d, n);
            if (x == 1 || x == n - 1)
            {
                continue;
            }

            var composite = true;
            for (var r = 1; r < s; r++)
            {
                x = (ulong)((UInt128)x * x % n);
                if (x == n - 1)
                {
                    composite = false;
                    break;
                }
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The largest <paramref name="count"/> primes of exactly <paramref name="bits"/> bits that are 1 mod 2n,
    /// scanning down from 2^bits − 2n + 1 as SEAL's CoeffModulus::Create does.
    /// </summary>
    public static List<ulong> NttFriendly(int n, int bits, int count)
    {
        var factor = 2UL * (ulong)n;
        var value = (1UL << bits) - factor + 1;
        var lower = 1UL << (bits - 1);
        var result = new List<ulong>(count);
        while (count > 0 && value > lower)
        {
            if (IsPrime(value))
            {
                result.Add(value);
                count--;
            }

            value -= factor;
        }

        if (count > 0)
        {
            throw new HeFormatException($"not enough {bits}-bit primes congruent to 1 mod {factor}");
        }

        return result;
    }

    private static ulong PowMod(ulong b, ulong e, ulong m)
    {
        UInt128 r = 1;
        UInt128 x = b % m;
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                r = r * x % m;
            }

            x = x * x % m;
            e >>= 1;
        }

        return (ulong)r;
    }
}
