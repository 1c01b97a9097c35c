using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254;

/// <summary>
/// Multi-scalar multiplication Σ sᵢ·Pᵢ by Pippenger's bucket method with signed window digits: a digit d &lt; 0 adds
/// −Pᵢ to bucket |d|, so a c-bit window needs 2^(c−1) buckets instead of 2^c − 1. Large inputs keep their buckets in
/// affine coordinates (<see cref="AffineBuckets{TField}"/>), with every window's buckets filled in one pass.
/// </summary>
internal static class Msm
{
    public static TJac Compute<TJac, TAff, TField>(ReadOnlySpan<TAff> points, ReadOnlySpan<Fr> scalars)
        where TJac : struct, IJacobianPoint<TJac, TAff, TField>
        where TAff : struct
        where TField : struct, IField<TField>
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

        return ones.Add(largePoints.Count >= AffineThreshold
            ? PippengerAffine<TJac, TAff, TField>(largePoints, largeScalars)
            : Pippenger<TJac, TAff, TField>(largePoints, largeScalars));
    }

    private static TJac Pippenger<TJac, TAff, TField>(List<TAff> points, List<U256> scalars)
        where TJac : struct, IJacobianPoint<TJac, TAff, TField>
        where TAff : struct
        where TField : struct, IField<TField>
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

        var c = WindowBits(n, bits, JacobianBucketSumCost);
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
    /// Affine buckets for every window at once, so a batch draws on many buckets and rarely has to wait; then each
    /// window's weighted bucket sum, combined from the top window down.
    /// </summary>
    private static TJac PippengerAffine<TJac, TAff, TField>(List<TAff> points, List<U256> scalars)
        where TJac : struct, IJacobianPoint<TJac, TAff, TField>
        where TAff : struct
        where TField : struct, IField<TField>
    {
        var n = points.Count;
        var bits = 1;
        foreach (var s in scalars)
        {
            bits = Math.Max(bits, s.BitLength);
        }

        var c = WindowBits(n, bits, AffineBucketSumCost);
        var windows = WindowCount(bits, c);
        var half = 1 << (c - 1);
        var digits = SignedDigits(scalars, c, windows);
        var buckets = new AffineBuckets<TField>(windows * half);
        for (var i = 0; i < n; i++)
        {
            if (!TJac.TryGetCoordinates(points[i], out var x, out var y))
            {
                continue;
            }

            var minusY = -y;
            for (var w = 0; w < windows; w++)
            {
                var digit = digits[(i * windows) + w];
                if (digit > 0)
                {
                    buckets.Add((w * half) + digit - 1, x, y);
                }
                else if (digit < 0)
                {
                    buckets.Add((w * half) - digit - 1, x, minusY);
                }
            }
        }

        buckets.Complete();
        var result = JacobianPoint<TField>.Infinity;
        for (var w = windows - 1; w >= 0; w--)
        {
            for (var k = 0; k < c; k++)
            {
                result = result.Double();
            }

            result = result.Add(buckets.WeightedSum(w * half, half));
        }

        return TJac.FromCoordinates(result);
    }

    /// <summary>
    /// The window width that minimises windows × (point additions + bucket sums); the cost of summing one bucket is
    /// given in units of one bucket addition.
    /// </summary>
    private static int WindowBits(int n, int bits, double bucketSumCost)
    {
        var best = 2;
        var bestCost = double.MaxValue;
        for (var c = 2; c <= MaxWindowBits; c++)
        {
            var cost = WindowCount(bits, c) * (n + (bucketSumCost * (1 << (c - 1))));
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

    /// <summary>Below this many points the batches would be too small to amortise their inversions.</summary>
    private const int AffineThreshold = 256;

    /// <summary>Two Jacobian additions (about 27 multiplications) against an 11-multiplication mixed addition.</summary>
    private const double JacobianBucketSumCost = 2.5;

    /// <summary>A mixed and a Jacobian addition (about 27 multiplications) against a 6-multiplication affine addition.</summary>
    private const double AffineBucketSumCost = 4.5;

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
