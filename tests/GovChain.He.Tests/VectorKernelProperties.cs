using System.Numerics;
using FsCheck.Xunit;
using GovChain.He.Arithmetic;

namespace GovChain.He.Tests;

/// <summary>The AVX-512 key-switching kernels checked word by word against BigInteger, edge values included.</summary>
public sealed class VectorKernelProperties
{
    private const int Count = 32;

    private static readonly Modulus[] Moduli = CoeffModulus.BfvDefault(16384).Concat(CoeffModulus.Create(4096, [60, 30, 17])).ToArray();

    [Property(MaxTest = 200)]
    public unsafe bool InnerProductSumsAndReductionMatchBigInteger(int seed, byte which)
    {
        if (!KeySwitchVector.IsSupported)
        {
            // The scalar loops these kernels replace are the ones the rest of the suite exercises on such hardware.
            return true;
        }

        var q = Moduli[which % Moduli.Length];
        var random = new Random(seed);
        var x = Words(random, (ulong)long.MaxValue);
        var y = Words(random, q.Value);
        var low = Words(random, ulong.MaxValue);
        // Sums stay below 2^127: the high words start below 2^62, and a product adds less than 2^61 to them.
        var high = Words(random, 1UL << 62);
        var expected = Enumerable.Range(0, Count).Select(i => ((BigInteger)high[i] << 64) + low[i] + ((BigInteger)x[i] * y[i])).ToArray();
        var reduced = new ulong[Count];
        fixed (ulong* px = x)
        fixed (ulong* py = y)
        fixed (ulong* pl = low)
        fixed (ulong* ph = high)
        fixed (ulong* pr = reduced)
        {
            KeySwitchVector.MultiplyAccumulate(px, py, pl, ph, Count);
            KeySwitchVector.Reduce(pl, ph, pr, Count, q);
        }

        return Enumerable.Range(0, Count).All(i =>
            ((BigInteger)high[i] << 64) + low[i] == expected[i] && reduced[i] == (ulong)(expected[i] % q.Value));
    }

    [Property(MaxTest = 200)]
    public unsafe bool DivisionStepMatchesBigInteger(int seed, byte which)
    {
        if (!KeySwitchVector.IsSupported)
        {
            return true;
        }

        var q = Moduli[which % Moduli.Length];
        var random = new Random(seed);
        var row = Words(random, q.Value);
        var last = Words(random, ulong.MaxValue);
        var output = Words(random, q.Value);
        var half = (ulong)random.NextInt64((long)q.Value);
        var inverse = (ulong)random.NextInt64((long)q.Value);
        var big = (BigInteger)q.Value;
        var expected = Enumerable.Range(0, Count)
            .Select(i => (ulong)(((output[i] + ((row[i] - ((last[i] % big) - half)) * inverse)) % big + big) % big))
            .ToArray();
        fixed (ulong* pr = row)
        fixed (ulong* pl = last)
        fixed (ulong* po = output)
        {
            KeySwitchVector.SubtractScaleAdd(pr, pl, po, Count, q, half, inverse, q.ShoupOf(inverse));
        }

        return output.AsSpan().SequenceEqual(expected);
    }

    /// <summary>Random words below bound, with the extremes (0, 1, bound − 1) planted in the first lanes.</summary>
    private static ulong[] Words(Random random, ulong bound)
    {
        var words = Enumerable.Range(0, Count).Select(_ => (ulong)(random.NextInt64(long.MinValue, long.MaxValue)) % bound).ToArray();
        words[0] = 0;
        words[1] = Math.Min(1, bound - 1);
        words[2] = bound - 1;
        return words;
    }
}
