using System.Numerics;
using FsCheck.Xunit;
using GovChain.He.Arithmetic;

namespace GovChain.He.Tests;

/// <summary>Word arithmetic and the NTT checked against BigInteger and schoolbook negacyclic multiplication.</summary>
public sealed class ArithmeticProperties
{
    private static readonly Modulus[] Moduli = CoeffModulus.BfvDefault(16384).Concat(CoeffModulus.Create(4096, [60, 30, 17])).ToArray();

    [Property(MaxTest = 300)]
    public bool BarrettReductionMatchesBigInteger(ulong hi, ulong lo, byte which)
    {
        var q = Moduli[which % Moduli.Length];
        var x = ((BigInteger)hi << 64) + lo;
        return q.Reduce(hi, lo) == (ulong)(x % q.Value) && q.Reduce(lo) == lo % q.Value;
    }

    [Property(MaxTest = 300)]
    public bool ShoupAndModularOperationsMatchBigInteger(ulong a, ulong b, ulong x, byte which)
    {
        var q = Moduli[which % Moduli.Length];
        var (ra, rb) = (a % q.Value, b % q.Value);
        var big = (BigInteger)q.Value;
        return q.Mul(ra, rb) == (ulong)((BigInteger)ra * rb % big)
            && q.MulShoup(x, rb, q.ShoupOf(rb)) == (ulong)((BigInteger)x * rb % big)
            && q.Add(ra, rb) == (ulong)(((BigInteger)ra + rb) % big)
            && q.Sub(ra, rb) == (ulong)((((BigInteger)ra - rb) % big + big) % big);
    }

    [Property(MaxTest = 20)]
    public bool NttMultiplicationIsNegacyclicConvolution(int seed, byte which)
    {
        const int n = 4096;
        var tables = new NttTables(n, Moduli[which % Moduli.Length]);
        var q = tables.Modulus;
        var random = new Random(seed);
        var a = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64((long)q.Value)).ToArray();
        // A sparse second factor keeps the schoolbook reference fast.
        var b = new ulong[n];
        var terms = Enumerable.Range(0, 5).Select(_ => (Index: random.Next(n), Value: (ulong)random.NextInt64((long)q.Value))).ToArray();
        foreach (var (index, value) in terms)
        {
            b[index] = q.Add(b[index], value);
        }

        var expected = new ulong[n];
        for (var j = 0; j < n; j++)
        {
            if (b[j] == 0)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                var product = q.Mul(a[i], b[j]);
                var k = i + j;
                expected[k % n] = k < n ? q.Add(expected[k % n], product) : q.Sub(expected[k % n], product);
            }
        }

        var fa = (ulong[])a.Clone();
        var fb = (ulong[])b.Clone();
        tables.Forward(fa);
        tables.Forward(fb);
        for (var i = 0; i < n; i++)
        {
            fa[i] = q.Mul(fa[i], fb[i]);
        }

        tables.Inverse(fa);
        return fa.SequenceEqual(expected);
    }

    [Property(MaxTest = 20)]
    public bool BatchEncodingRoundTripsAndMultipliesSlotwise(int seed)
    {
        var context = new HeContext(EncryptionParameters.BfvDefault(4096));
        var encoder = new BatchEncoder(context);
        var t = context.PlainModulus;
        var random = new Random(seed);
        var x = Enumerable.Range(0, 4096).Select(_ => (ulong)random.NextInt64((long)t.Value)).ToArray();
        var y = Enumerable.Range(0, 4096).Select(_ => (ulong)random.NextInt64((long)t.Value)).ToArray();
        var px = encoder.Encode(x).Coefficients;
        var py = encoder.Encode(y).Coefficients;
        // Slot-wise product = negacyclic product of the encodings mod t (the ring isomorphism batching relies on).
        var fx = (ulong[])px.Clone();
        var fy = (ulong[])py.Clone();
        context.PlainNtt.Forward(fx);
        context.PlainNtt.Forward(fy);
        var product = fx.Select((v, i) => t.Mul(v, fy[i])).ToArray();
        context.PlainNtt.Inverse(product);
        var slots = encoder.Decode(new Plaintext(ParmsId.Zero, product));
        return encoder.Decode(new Plaintext(ParmsId.Zero, px)).SequenceEqual(x)
            && slots.SequenceEqual(x.Select((v, i) => t.Mul(v, y[i])));
    }
}
