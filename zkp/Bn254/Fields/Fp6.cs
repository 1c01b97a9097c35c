using System.Runtime.CompilerServices;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>F_p⁶ = F_p²[v]/(v³ − ξ); an element is C0 + C1·v + C2·v².</summary>
public readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0;
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp6(Fp2 c0, Fp2 c1, Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;

    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 operator +(in Fp6 a, in Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 operator -(in Fp6 a, in Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 operator -(in Fp6 a) => new(-a.C0, -a.C1, -a.C2);

    /// <summary>Karatsuba over the cubic extension: six F_p² multiplications; a's sums go in unreduced.</summary>
    public static Fp6 operator *(in Fp6 a, in Fp6 b)
    {
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var t2 = a.C2 * b.C2;
        var c0 = ((Fp2.AddLazy(a.C1, a.C2) * (b.C1 + b.C2)) - t1 - t2).MulByXi() + t0;
        var c1 = (Fp2.AddLazy(a.C0, a.C1) * (b.C0 + b.C1)) - t0 - t1 + t2.MulByXi();
        var c2 = (Fp2.AddLazy(a.C0, a.C2) * (b.C0 + b.C2)) - t0 - t2 + t1;
        return new(c0, c1, c2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 operator *(in Fp6 a, in Fp2 b) => new(a.C0 * b, a.C1 * b, a.C2 * b);

    public static bool operator ==(in Fp6 a, in Fp6 b) => a.Equals(b);

    public static bool operator !=(in Fp6 a, in Fp6 b) => !a.Equals(b);

    public Fp6 Square() => this * this;

    /// <summary>Multiplication by v: (c0, c1, c2)·v = (ξ·c2, c0, c1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp6 MulByV() => new(C2.MulByXi(), C0, C1);

    /// <summary>Multiplication by the sparse element b0 + b1·v (used by Miller-loop lines).</summary>
    public Fp6 MulBy01(Fp2 b0, Fp2 b1)
    {
        var t0 = C0 * b0;
        var t1 = C1 * b1;
        var c0 = (C2 * b1).MulByXi() + t0;
        var c1 = (Fp2.AddLazy(C0, C1) * (b0 + b1)) - t0 - t1;
        var c2 = (C2 * b0) + t1;
        return new(c0, c1, c2);
    }

    public Fp6 Inverse()
    {
        var t0 = C0.Square() - (C1 * C2).MulByXi();
        var t1 = C2.Square().MulByXi() - (C0 * C1);
        var t2 = C1.Square() - (C0 * C2);
        var denominator = (C0 * t0) + ((C2 * t1) + (C1 * t2)).MulByXi();
        var inv = denominator.Inverse();
        return new(t0 * inv, t1 * inv, t2 * inv);
    }

    public bool Equals(Fp6 other) => C0 == other.C0 && C1 == other.C1 && C2 == other.C2;

    public override bool Equals(object? obj) => obj is Fp6 o && Equals(o);

    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}
