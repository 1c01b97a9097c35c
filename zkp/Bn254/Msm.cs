using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254;

/// <summary>
/// Multi-scalar multiplication Σ sᵢ·Pᵢ by Pippenger's bucket method with signed window digits: a digit d &lt; 0 adds
/// −Pᵢ to bucket |d|, so a c-bit window needs 2^(c−1) buckets instead of 2^c − 1.
/// </summary>
internal static class Msm
{
    public static TJac Compute<TJac, TAff>(ReadOnlySpan<TAff> points, ReadOnlySpan<Fr> scalars)
        where TJac : struct, IJacobianPoint<TJac, TAff>
        where TAff : struct
    {
        if (points.Length != scalars.Length)
        {
            throw new ArgumentException("points and scalars differ in length");
        }

        // Circuits are full of bits, so scalars 0 and 1 skip the buckets: a 1 costs one addition instead of a
        // share of every window's bucket sums.
        var ones = TJac.Infinity;
        var largePoints = new List<TAff>(points.Length);
        var largeScalars = new List<U256>(points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            var s = scalars[i].ToCanonical();
            if ((s.L1 | s.L2 | s.L3) == 0 && s.L0 <= 1)
            {
                if (s.L0 == 1)
                {
                    ones = ones.AddMixed(points[i]);
                }

                continue;
            }

            largePoints.Add(points[i]);
            largeScalars.Add(s);
        }

        return ones.Add(Pippenger<TJac, TAff>(largePoints, largeScalars));
    }

    private static TJac Pippenger<TJac, TAff>(List<TAff> points, List<U256> scalars)
        where TJac : struct, IJacobianPoint<TJac, TAff>
        where TAff : struct
    {
        var n = points.Count;
        if (n == 0)
        {
            return TJac.Infinity;
        }

        // Windows above the largest scalar would be empty.
        var bits = 1;
        foreach (var s in scalars)
        {
            bits = Math.Max(bits, s.BitLength);
        }

        var c = WindowBits(n, bits);
        var windows = WindowCount(bits, c);
        var digits = SignedDigits(scalars, c, windows);
        var buckets = new TJac[1 << (c - 1)];
        var result = TJac.Infinity;
        for (var w = windows - 1; w >= 0; w--)
        {
            for (var k = 0; k < c; k++)
            {
                result = result.Double();
            }

            Array.Fill(buckets, TJac.Infinity);
            for (var i = 0; i < n; i++)
            {
                var digit = digits[(i * windows) + w];
                if (digit > 0)
                {
                    buckets[digit - 1] = buckets[digit - 1].AddMixed(points[i]);
                }
                else if (digit < 0)
                {
                    buckets[-digit - 1] = buckets[-digit - 1].SubtractMixed(points[i]);
                }
            }

            // Σ d·bucket[d] as a running sum of suffix sums.
            var running = TJac.Infinity;
            var windowSum = TJac.Infinity;
            for (var d = buckets.Length - 1; d >= 0; d--)
            {
                running = running.Add(buckets[d]);
                windowSum = windowSum.Add(running);
            }

            result = result.Add(windowSum);
        }

        return result;
    }

    /// <summary>
    /// The window width that minimises windows × (point additions + bucket sums), where summing a bucket costs about
    /// three mixed additions (two full Jacobian additions).
    /// </summary>
    private static int WindowBits(int n, int bits)
    {
        var best = 2;
        var bestCost = double.MaxValue;
        for (var c = 2; c <= MaxWindowBits; c++)
        {
            var cost = WindowCount(bits, c) * (n + (3.0 * (1 << (c - 1))));
            if (cost < bestCost)
            {
                (best, bestCost) = (c, cost);
            }
        }

        return best;
    }

    /// <summary>Signed digits carry into the window above, so one window more than the bits strictly need.</summary>
    private static int WindowCount(int bits, int c) => (bits / c) + 1;

    private const int MaxWindowBits = 15;

    /// <summary>
    /// Each scalar as Σ dᵥ·2^(c·w) with dᵥ in (−2^(c−1), 2^(c−1)]: a window value above 2^(c−1) becomes
    /// value − 2^c and carries one into the next window.
    /// </summary>
    private static short[] SignedDigits(List<U256> scalars, int c, int windows)
    {
        var digits = new short[scalars.Count * windows];
        var half = 1 << (c - 1);
        var full = 1 << c;
        for (var i = 0; i < scalars.Count; i++)
        {
            var s = scalars[i];
            var carry = 0;
            for (var w = 0; w < windows; w++)
            {
                var value = WindowValue(s, w * c, c) + carry;
                carry = value > half ? 1 : 0;
                digits[(i * windows) + w] = (short)(value - (carry * full));
            }
        }

        return digits;
    }

    /// <summary>Bits [bit, bit + width) of s; bits past 255 read as zero.</summary>
    private static int WindowValue(in U256 s, int bit, int width)
    {
        if (bit >= 256)
        {
            return 0;
        }

        var limb = bit >> 6;
        var shift = bit & 63;
        var value = Limb(s, limb) >> shift;
        if (shift != 0 && limb < 3)
        {
            value |= Limb(s, limb + 1) << (64 - shift);
        }

        return (int)(value & ((1UL << width) - 1));
    }

    private static ulong Limb(in U256 s, int index) => index switch { 0 => s.L0, 1 => s.L1, 2 => s.L2, _ => s.L3 };
}
