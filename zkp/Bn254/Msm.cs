using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254;

/// <summary>Multi-scalar multiplication Σ sᵢ·Pᵢ by Pippenger's bucket method.</summary>
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

    private static TJac Pippenger<TJac, TAff>(List<TAff> points, List<U256> canonical)
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
        foreach (var s in canonical)
        {
            bits = Math.Max(bits, s.BitLength);
        }

        var c = WindowBits(n);
        var windows = (bits + c - 1) / c;
        var buckets = new TJac[(1 << c) - 1];
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
                var digit = Digit(canonical[i], w * c, c);
                if (digit != 0)
                {
                    buckets[digit - 1] = buckets[digit - 1].AddMixed(points[i]);
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

    private static int WindowBits(int n) => n < 32 ? 3 : Math.Clamp((int)Math.Log2(n) - 2, 4, 16);

    private static int Digit(in U256 s, int bit, int width)
    {
        var value = 0;
        for (var i = 0; i < width && bit + i < 256; i++)
        {
            if (s.Bit(bit + i))
            {
                value |= 1 << i;
            }
        }

        return value;
    }
}
