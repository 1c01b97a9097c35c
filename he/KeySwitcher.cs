using System.Buffers;
using GovChain.He.Arithmetic;
using GovChain.He.Keys;

namespace GovChain.He;

/// <summary>
/// SEAL-style key switching with one special prime P: decompose the input by data prime, multiply by the key
/// (encryptions of P·s'), then divide by P with rounding, which removes the P-sized noise blow-up.
/// </summary>
internal static class KeySwitcher
{
    /// <summary>Adds the switch of <paramref name="target"/> (coefficient form, data level) to c0 and c1 of <paramref name="destination"/>.</summary>
    public static void SwitchAndAdd(HeContext context, ReadOnlySpan<ulong> target, Ciphertext[] key, Ciphertext destination)
    {
        var keyLevel = context.KeyLevel;
        var data = context.DataLevel;
        var n = context.N;
        var k = data.PrimeCount;
        var rows = k + 1;
        var acc0 = ArrayPool<ulong>.Shared.Rent(rows * n);
        var acc1 = ArrayPool<ulong>.Shared.Rent(rows * n);
        // Lazy 128-bit sums, as four n-word blocks: low and high words of the c0 sum, then of the c1 sum.
        var sums = ArrayPool<ulong>.Shared.Rent(4 * n);
        var digit = ArrayPool<ulong>.Shared.Rent(n);
        for (var r = 0; r < rows; r++)
        {
            var qr = keyLevel.Primes[r];
            Array.Clear(sums, 0, 4 * n);
            for (var j = 0; j < k; j++)
            {
                var source = target.Slice(j * n, n);
                if (data.Primes[j].Value <= qr.Value)
                {
                    source.CopyTo(digit.AsSpan(0, n));
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        digit[i] = qr.Reduce(source[i]);
                    }
                }

                keyLevel.Ntt[r].Forward(digit.AsSpan(0, n));
                MultiplyAccumulate(digit.AsSpan(0, n), key[j].Row(0, r), key[j].Row(1, r), sums.AsSpan(0, 4 * n));
            }

            // Each product is below 2^120 and there are at most 2^7 of them, so the sums never overflow 128 bits.
            ReduceSums(qr, sums.AsSpan(0, 2 * n), acc0.AsSpan(r * n, n));
            ReduceSums(qr, sums.AsSpan(2 * n, 2 * n), acc1.AsSpan(r * n, n));
        }

        RescaleAndAdd(context, acc0, destination.Poly(0));
        RescaleAndAdd(context, acc1, destination.Poly(1));
        ArrayPool<ulong>.Shared.Return(acc0);
        ArrayPool<ulong>.Shared.Return(acc1);
        ArrayPool<ulong>.Shared.Return(sums);
        ArrayPool<ulong>.Shared.Return(digit);
    }

    /// <summary>sums += digit·(b, a), each 128-bit sum kept as separate low and high words (see SwitchAndAdd).</summary>
    private static unsafe void MultiplyAccumulate(ReadOnlySpan<ulong> digit, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> a, Span<ulong> sums)
    {
        var n = digit.Length;
        fixed (ulong* d = digit)
        fixed (ulong* pb = b)
        fixed (ulong* pa = a)
        fixed (ulong* s = sums)
        {
            var low0 = s;
            var high0 = s + n;
            var low1 = s + (2 * n);
            var high1 = s + (3 * n);
            if (KeySwitchVector.IsSupported && n % 8 == 0)
            {
                KeySwitchVector.MultiplyAccumulate(d, pb, low0, high0, n);
                KeySwitchVector.MultiplyAccumulate(d, pa, low1, high1, n);
                return;
            }

            for (var i = 0; i < n; i++)
            {
                var x = d[i];
                var h0 = Math.BigMul(x, pb[i], out var l0);
                var t0 = low0[i] + l0;
                low0[i] = t0;
                high0[i] += h0 + (t0 < l0 ? 1UL : 0UL);
                var h1 = Math.BigMul(x, pa[i], out var l1);
                var t1 = low1[i] + l1;
                low1[i] = t1;
                high1[i] += h1 + (t1 < l1 ? 1UL : 0UL);
            }
        }
    }

    /// <summary>result = (high·2^64 + low) mod q for a block of n low words followed by n high words.</summary>
    private static unsafe void ReduceSums(Modulus q, ReadOnlySpan<ulong> sums, Span<ulong> result)
    {
        var n = result.Length;
        if (KeySwitchVector.IsSupported && n % 8 == 0)
        {
            fixed (ulong* s = sums)
            fixed (ulong* r = result)
            {
                KeySwitchVector.Reduce(s, s + n, r, n, q);
            }

            return;
        }

        var low = sums[..n];
        var high = sums.Slice(n, n);
        for (var i = 0; i < n; i++)
        {
            result[i] = q.Reduce(high[i], low[i]);
        }
    }

    /// <summary>destination += round(acc / P) over the data primes, acc being NTT-form over data primes and P.</summary>
    private static unsafe void RescaleAndAdd(HeContext context, ulong[] acc, Span<ulong> destination)
    {
        var keyLevel = context.KeyLevel;
        var data = context.DataLevel;
        var n = context.N;
        var k = data.PrimeCount;
        var special = context.SpecialPrime;
        var last = acc.AsSpan(k * n, n);
        keyLevel.Ntt[k].Inverse(last);
        var half = special.Value >> 1;
        for (var i = 0; i < n; i++)
        {
            last[i] = special.Add(last[i], half);
        }

        for (var j = 0; j < k; j++)
        {
            var q = data.Primes[j];
            var row = acc.AsSpan(j * n, n);
            data.Ntt[j].Inverse(row);
            var halfModQ = q.Reduce(half);
            var inverseP = q.Inverse(q.Reduce(special.Value));
            var inverseShoup = q.ShoupOf(inverseP);
            var output = destination.Slice(j * n, n);
            if (KeySwitchVector.IsSupported && n % 8 == 0)
            {
                fixed (ulong* pr = row)
                fixed (ulong* pl = last)
                fixed (ulong* po = output)
                {
                    KeySwitchVector.SubtractScaleAdd(pr, pl, po, n, q, halfModQ, inverseP, inverseShoup);
                }

                continue;
            }

            for (var i = 0; i < n; i++)
            {
                var lastModQ = q.Sub(q.Reduce(last[i]), halfModQ);
                var difference = q.Sub(row[i], lastModQ);
                output[i] = q.Add(output[i], q.MulShoup(difference, inverseP, inverseShoup));
            }
        }
    }
}
