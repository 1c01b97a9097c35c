using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Groth16;

/// <summary>Radix-2 number-theoretic transforms over F_r on a power-of-two domain (iterative, bit-reversed input).</summary>
internal sealed class Fft
{
    private readonly Fr[] twiddles;
    private readonly Fr[] inverseTwiddles;
    private readonly Fr inverseSize;

    public Fft(int size)
    {
        if (size < 2 || !BitOperations.IsPow2(size) || BitOperations.Log2((uint)size) > Fr.TwoAdicity)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "domain size must be a power of two up to 2^28");
        }

        Size = size;
        var log = BitOperations.Log2((uint)size);
        Omega = Fr.RootOfUnity;
        for (var i = log; i < Fr.TwoAdicity; i++)
        {
            Omega = Omega.Square();
        }

        twiddles = Powers(Omega, size / 2);
        inverseTwiddles = Powers(Omega.Inverse(), size / 2);
        inverseSize = Fr.FromUInt64((ulong)size).Inverse();
    }

    public int Size { get; }

    /// <summary>The primitive Size-th root of unity the domain is built on.</summary>
    public Fr Omega { get; }

    /// <summary>Coefficients → evaluations at ω⁰ … ω^(n−1).</summary>
    public void Forward(Span<Fr> values) => Transform(values, twiddles);

    /// <summary>Evaluations → coefficients.</summary>
    public void Inverse(Span<Fr> values)
    {
        Transform(values, inverseTwiddles);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= inverseSize;
        }
    }

    public static Fr[] Powers(Fr root, int count)
    {
        var result = new Fr[count];
        var acc = Fr.One;
        for (var i = 0; i < count; i++)
        {
            result[i] = acc;
            acc *= root;
        }

        return result;
    }

    private void Transform(Span<Fr> a, Fr[] roots)
    {
        var n = Size;
        if (a.Length != n)
        {
            throw new ArgumentException("length differs from the domain size");
        }

        var shift = 32 - BitOperations.Log2((uint)n);
        for (var i = 0; i < n; i++)
        {
            var j = (int)(ReverseBits((uint)i) >> shift);
            if (i < j)
            {
                (a[i], a[j]) = (a[j], a[i]);
            }
        }

        for (var len = 2; len <= n; len <<= 1)
        {
            var half = len >> 1;
            var stride = n / len;
            for (var start = 0; start < n; start += len)
            {
                for (var j = 0; j < half; j++)
                {
                    var u = a[start + j];
                    var v = a[start + j + half] * roots[j * stride];
                    a[start + j] = u + v;
                    a[start + j + half] = u - v;
                }
            }
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
