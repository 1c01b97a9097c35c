using System.Numerics;
using System.Runtime.CompilerServices;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>
/// F_p¹² = F_p⁶[w]/(w² − v); an element is C0 + C1·w. Over F_p² the basis is w⁰…w⁵ with w⁶ = ξ, where
/// C0 holds the coefficients of w⁰, w², w⁴ and C1 those of w¹, w³, w⁵. Pairing values live here.
/// </summary>
public readonly partial struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0;
    public readonly Fp6 C1;

    /// <summary>γ_i = ξ^(i(p−1)/6): (w^i)^p = γ_i·w^i.</summary>
    private static readonly Fp2[] FrobeniusGamma = ComputeFrobeniusGamma();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp12(Fp6 c0, Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);

    public bool IsOne => C0 == Fp6.One && C1.IsZero;

    public static Fp12 operator *(in Fp12 a, in Fp12 b)
    {
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var c1 = ((a.C0 + a.C1) * (b.C0 + b.C1)) - t0 - t1;
        return new(t0 + t1.MulByV(), c1);
    }

    public static bool operator ==(in Fp12 a, in Fp12 b) => a.Equals(b);

    public static bool operator !=(in Fp12 a, in Fp12 b) => !a.Equals(b);

    /// <summary>(a + bw)² = (a + b)(a + bv) − ab − ab·v + 2ab·w.</summary>
    public Fp12 Square()
    {
        var ab = C0 * C1;
        var c0 = ((C0 + C1) * (C0 + C1.MulByV())) - ab - ab.MulByV();
        return new(c0, ab + ab);
    }

    /// <summary>x ↦ x^(p⁶): negates C1. On the cyclotomic subgroup (pairing outputs) this is the inverse.</summary>
    public Fp12 Conjugate() => new(C0, -C1);

    public Fp12 Inverse()
    {
        var inv = (C0.Square() - C1.Square().MulByV()).Inverse();
        return new(C0 * inv, -(C1 * inv));
    }

    /// <summary>Multiplication by the sparse line value l0 + l3·w + l4·w³ (w³ = v·w).</summary>
    public Fp12 MulBy034(Fp2 l0, Fp2 l3, Fp2 l4)
    {
        var a = C0 * l0;
        var b = C1.MulBy01(l3, l4);
        var c1 = (C0 + C1).MulBy01(l0 + l3, l4) - a - b;
        return new(a + b.MulByV(), c1);
    }

    /// <summary>
    /// The product of two line values (l0 + l3·w + l4·w³)(m0 + m3·w + m4·w³), by Karatsuba in six F_p² products
    /// instead of the thirteen that multiplying one into a full element costs. Its w⁵ coefficient is zero
    /// (l4·m4·w⁶ = ξ·l4·m4 lands on w⁰), which <see cref="MulBy01234"/> exploits.
    /// </summary>
    internal static Fp12 MulLines(in Fp2 l0, in Fp2 l3, in Fp2 l4, in Fp2 m0, in Fp2 m3, in Fp2 m4)
    {
        var a = l0 * m0;
        var b = l3 * m3;
        var c = l4 * m4;
        var w1 = (Fp2.AddLazy(l0, l3) * (m0 + m3)) - a - b;
        var w3 = (Fp2.AddLazy(l0, l4) * (m0 + m4)) - a - c;
        var w4 = (Fp2.AddLazy(l3, l4) * (m3 + m4)) - b - c;
        return new(new Fp6(c.MulByXi() + a, b, w4), new Fp6(w1, w3, Fp2.Zero));
    }

    /// <summary>Multiplication by an element whose w⁵ coefficient (C1.C2) is zero, such as a product of two lines: 17 F_p² products instead of 18.</summary>
    internal Fp12 MulBy01234(in Fp12 d)
    {
        var t0 = C0 * d.C0;
        var t1 = C1.MulBy01(d.C1.C0, d.C1.C1);
        var c1 = ((C0 + C1) * (d.C0 + d.C1)) - t0 - t1;
        return new(t0 + t1.MulByV(), c1);
    }

    /// <summary>The p-power Frobenius x ↦ x^p.</summary>
    public Fp12 Frobenius()
    {
        var g = FrobeniusGamma;
        return new(
            new Fp6(C0.C0.Conjugate(), C0.C1.Conjugate() * g[2], C0.C2.Conjugate() * g[4]),
            new Fp6(C1.C0.Conjugate() * g[1], C1.C1.Conjugate() * g[3], C1.C2.Conjugate() * g[5]));
    }

    public Fp12 Frobenius(int power)
    {
        var r = this;
        for (var i = 0; i < power; i++)
        {
            r = r.Frobenius();
        }

        return r;
    }

    public Fp12 Pow(BigInteger exponent)
    {
        if (exponent.Sign < 0)
        {
            return Inverse().Pow(-exponent);
        }

        var result = One;
        for (var i = (int)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = result.Square();
            if (!(exponent >> i).IsEven)
            {
                result *= this;
            }
        }

        return result;
    }

    public bool Equals(Fp12 other) => C0 == other.C0 && C1 == other.C1;

    public override bool Equals(object? obj) => obj is Fp12 o && Equals(o);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    private static Fp2[] ComputeFrobeniusGamma()
    {
        var step = Fp2.Xi.Pow((Fp.Modulus - 1) / 6);
        var g = new Fp2[6];
        g[0] = Fp2.One;
        for (var i = 1; i < 6; i++)
        {
            g[i] = g[i - 1] * step;
        }

        return g;
    }
}
