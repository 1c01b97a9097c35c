using System.Numerics;
using System.Runtime.CompilerServices;
using Wide = GovChain.Zkp.Bn254.Fields.Montgomery<GovChain.Zkp.Bn254.Fields.FpModulus>;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>F_p² = F_p[u]/(u² + 1); an element is C0 + C1·u.</summary>
public readonly struct Fp2 : IField<Fp2>
{
    public readonly Fp C0;
    public readonly Fp C1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2(Fp c0, Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;

    public static Fp2 One => new(Fp.One, Fp.Zero);

    /// <summary>ξ = 9 + u, the non-residue that defines F_p⁶ and the sextic twist.</summary>
    public static Fp2 Xi { get; } = new(Fp.FromUInt64(9), Fp.One);

    public bool IsZero => C0.IsZero && C1.IsZero;

    public bool IsOne => C0.IsOne && C1.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator +(in Fp2 a, in Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator -(in Fp2 a, in Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator -(in Fp2 a) => new(-a.C0, -a.C1);

    /// <summary>
    /// Karatsuba with lazy reduction: three double-width products and two Montgomery reductions instead of three.
    /// One operand may come from <see cref="AddLazy"/> (components below 2p) if the other is reduced: then
    /// a0·b0 − a1·b1 lies in (−2p², 2p²) and is brought to [0, p·2^256) by adding p·2^256 when negative, and
    /// (a0 + a1)(b0 + b1) − a0·b0 − a1·b1 = a0·b1 + a1·b0 lies in [0, 4p²), below p·2^256 because 4p &lt; 2^256.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator *(in Fp2 a, in Fp2 b)
    {
        var t0 = Wide.MulWide(a.C0.Mont, b.C0.Mont);
        var t1 = Wide.MulWide(a.C1.Mont, b.C1.Mont);
        var t2 = Wide.MulWide(Wide.AddUnreduced(a.C0.Mont, a.C1.Mont), Wide.AddUnreduced(b.C0.Mont, b.C1.Mont));
        return new(new Fp(Wide.Reduce(Wide.SubWideModulo(t0, t1))), new Fp(Wide.Reduce(Wide.SubWide(Wide.SubWide(t2, t0), t1))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator *(in Fp2 a, in Fp b) => new(a.C0 * b, a.C1 * b);

    /// <summary>a + b with components left in [0, 2p): only ever one operand of an F_p² product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fp2 AddLazy(in Fp2 a, in Fp2 b) => new(Fp.AddLazy(a.C0, b.C0), Fp.AddLazy(a.C1, b.C1));

    public static bool operator ==(in Fp2 a, in Fp2 b) => a.Equals(b);

    public static bool operator !=(in Fp2 a, in Fp2 b) => !a.Equals(b);

    /// <summary>(a + bu)² = (a + b)(a − b) + 2ab·u, with the sums left unreduced as multiplication operands.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 Square() => new(Fp.AddLazy(C0, C1) * Fp.SubLazy(C0, C1), Fp.AddLazy(C0, C0) * C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 Double() => new(C0.Double(), C1.Double());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fp2 Half() => new(C0.Half(), C1.Half());

    /// <summary>Multiplication by ξ = 9 + u: (a + bu)(9 + u) = (9a − b) + (a + 9b)u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 MulByXi() => new(Fp.NineTimesPlus(C0, C1, subtract: true), Fp.NineTimesPlus(C1, C0, subtract: false));

    /// <summary>The Frobenius map x ↦ x^p, which on F_p² is conjugation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 Conjugate() => new(C0, -C1);

    public Fp2 Inverse()
    {
        var norm = C0.Square() + C1.Square();
        var inv = norm.Inverse();
        return new(C0 * inv, -(C1 * inv));
    }

    public Fp2 Pow(BigInteger exponent)
    {
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

    /// <summary>A square root when one exists (p ≡ 3 mod 4; Adj–Rodríguez-Henríquez, algorithm 9).</summary>
    public bool TrySqrt(out Fp2 root)
    {
        var a1 = Pow((Fp.Modulus - 3) / 4);
        var alpha = a1.Square() * this;
        var a0 = alpha.Conjugate() * alpha;
        if (a0 == -One)
        {
            root = Zero;
            return false;
        }

        var x0 = a1 * this;
        root = alpha == -One
            ? new Fp2(-x0.C1, x0.C0)
            : (One + alpha).Pow((Fp.Modulus - 1) / 2) * x0;
        return root.Square() == this;
    }

    public bool Equals(Fp2 other) => C0 == other.C0 && C1 == other.C1;

    public override bool Equals(object? obj) => obj is Fp2 o && Equals(o);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    public override string ToString() => $"({C0}, {C1})";
}
