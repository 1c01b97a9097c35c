using GovChain.He.Arithmetic;

namespace GovChain.He;

/// <summary>Coefficient-wise arithmetic on RNS polynomials of one level (prime by prime, n words each).</summary>
internal static class PolyArithmetic
{
    public static void Add(RnsLevel level, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var n = level.N;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j].Value;
            var x = a.Slice(j * n, n);
            var y = b.Slice(j * n, n);
            var z = result.Slice(j * n, n);
            for (var i = 0; i < n; i++)
            {
                var s = x[i] + y[i];
                z[i] = Modulus.SubtractIfAtLeast(s, q);
            }
        }
    }

    public static void Sub(RnsLevel level, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var n = level.N;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j].Value;
            var x = a.Slice(j * n, n);
            var y = b.Slice(j * n, n);
            var z = result.Slice(j * n, n);
            for (var i = 0; i < n; i++)
            {
                var d = x[i] - y[i];
                z[i] = Modulus.AddIfWrapped(d, q);
            }
        }
    }

    public static void Negate(RnsLevel level, ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        var n = level.N;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j].Value;
            var x = a.Slice(j * n, n);
            var z = result.Slice(j * n, n);
            for (var i = 0; i < n; i++)
            {
                z[i] = x[i] == 0 ? 0 : q - x[i];
            }
        }
    }

    /// <summary>Pointwise product of NTT-form polynomials; <paramref name="primeCount"/> rows of each.</summary>
    public static void MultiplyNtt(RnsLevel level, int primeCount, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        var n = level.N;
        for (var j = 0; j < primeCount; j++)
        {
            var q = level.Primes[j];
            var x = a.Slice(j * n, n);
            var y = b.Slice(j * n, n);
            var z = result.Slice(j * n, n);
            for (var i = 0; i < n; i++)
            {
                z[i] = q.Mul(x[i], y[i]);
            }
        }
    }

    /// <summary>
    /// Adds round(Q·m/t) for a plaintext m mod t to <paramref name="poly"/> (or subtracts it), using
    /// floor(Q/t)·m + round((Q mod t)·m / t) so nothing wider than 128 bits is needed.
    /// </summary>
    public static void AddScaledPlain(RnsLevel level, ulong t, ReadOnlySpan<ulong> plain, Span<ulong> poly, bool subtract)
    {
        var n = level.N;
        var half = (t + 1) >> 1;
        var qModT = level.QModT;
        // (Q mod t)·m + half fits a word whenever t < 2^32, which avoids 128-bit division for usual plain moduli.
        var narrow = t <= uint.MaxValue;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j];
            var scale = level.QDivTModPrime[j];
            var scaleShoup = level.QDivTModPrimeShoup[j];
            var row = poly.Slice(j * n, n);
            for (var i = 0; i < plain.Length; i++)
            {
                var m = plain[i];
                if (m == 0)
                {
                    continue;
                }

                // fix < m < t < q, so it needs no reduction.
                var fix = narrow ? ((qModT * m) + half) / t : (ulong)((((UInt128)qModT * m) + half) / t);
                var delta = q.Add(q.MulShoup(m, scale, scaleShoup), fix);
                row[i] = subtract ? q.Sub(row[i], delta) : q.Add(row[i], delta);
            }
        }
    }

    /// <summary>The centred lift of m mod t into every prime (t/2 ≤ m maps to m − t).</summary>
    public static void LiftPlain(RnsLevel level, ulong t, ReadOnlySpan<ulong> plain, Span<ulong> result)
    {
        var n = level.N;
        var threshold = (t + 1) >> 1;
        result.Clear();
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j].Value;
            var row = result.Slice(j * n, n);
            for (var i = 0; i < plain.Length; i++)
            {
                var m = plain[i];
                row[i] = m >= threshold ? q - (t - m) : m;
            }
        }
    }

    /// <summary>a(X) ↦ a(X^g) on a coefficient-form row: X^(i·g) lands at i·g mod n, negated when i·g mod 2n ≥ n.</summary>
    public static void ApplyGalois(ReadOnlySpan<ulong> row, ulong galoisElement, ulong q, Span<ulong> result)
    {
        var n = (ulong)row.Length;
        var mask = n - 1;
        var logN = System.Numerics.BitOperations.TrailingZeroCount(n);
        for (ulong i = 0; i < n; i++)
        {
            var raw = i * galoisElement;
            var index = raw & mask;
            var v = row[(int)i];
            var negated = Modulus.SubtractIfAtLeast(q - v, q);
            var flip = 0UL - ((raw >> logN) & 1);
            result[(int)index] = v ^ ((v ^ negated) & flip);
        }
    }
}
