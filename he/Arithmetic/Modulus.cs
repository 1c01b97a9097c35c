using System.Numerics;
using System.Runtime.CompilerServices;

namespace GovChain.He.Arithmetic;

/// <summary>
/// A word-sized modulus (at most 61 bits) with its Barrett constant floor(2^128 / q), so reductions need no division.
/// </summary>
public sealed class Modulus : IEquatable<Modulus>
{
    public const int MaxBits = 61;

    public Modulus(ulong value)
    {
        if (value < 2 || BitOperations.Log2(value) + 1 > MaxBits)
        {
            throw new HeFormatException($"modulus {value} must be between 2 and {MaxBits} bits");
        }

        Value = value;
        BitCount = BitOperations.Log2(value) + 1;
        var ratio = UInt128.MaxValue / value;
        // floor(2^128/q) differs from floor((2^128-1)/q) only when q divides 2^128, i.e. never for odd q > 1.
        RatioLow = (ulong)ratio;
        RatioHigh = (ulong)(ratio >> 64);
    }

    public ulong Value { get; }

    public int BitCount { get; }

    internal ulong RatioLow { get; }

    internal ulong RatioHigh { get; }

    /// <summary>x mod q for any 64-bit x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(ulong x)
    {
        var q = Math.BigMul(x, RatioHigh, out _);
        var r = x - (q * Value);
        return SubtractIfAtLeast(r, Value);
    }

    /// <summary>(hi·2^64 + lo) mod q by Barrett reduction with the 128-bit ratio.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(ulong hi, ulong lo)
    {
        var carry = Math.BigMul(lo, RatioLow, out _);
        var t2hi = Math.BigMul(lo, RatioHigh, out var t2lo);
        var t1 = t2lo + carry;
        var t3 = t2hi + (t1 < carry ? 1UL : 0UL);
        var t4hi = Math.BigMul(hi, RatioLow, out var t4lo);
        var t5 = t1 + t4lo;
        carry = t4hi + (t5 < t1 ? 1UL : 0UL);
        var quotient = (hi * RatioHigh) + t3 + carry;
        // The estimated quotient may fall short by up to two for wide (lazily accumulated) inputs.
        var r = lo - (quotient * Value);
        r = SubtractIfAtLeast(r, Value);
        return SubtractIfAtLeast(r, Value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Mul(ulong a, ulong b)
    {
        var hi = Math.BigMul(a, b, out var lo);
        return Reduce(hi, lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Add(ulong a, ulong b)
    {
        var s = a + b;
        return SubtractIfAtLeast(s, Value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Sub(ulong a, ulong b)
    {
        var d = a - b;
        return AddIfWrapped(d, Value);
    }

    /// <summary>x − m if x ≥ m, else x; branch-free (random residues would defeat a branch predictor). Needs x, m &lt; 2^63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractIfAtLeast(ulong x, ulong m)
    {
        var d = x - m;
        return d + (m & (ulong)((long)d >> 63));
    }

    /// <summary>d + m if the subtraction that produced d wrapped below zero (|d| &lt; 2^63), else d; branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddIfWrapped(ulong d, ulong m) => d + (m & (ulong)((long)d >> 63));

    /// <summary>floor(w·2^64/q), the Shoup companion of a constant multiplier w &lt; q.</summary>
    public ulong ShoupOf(ulong w) => (ulong)(((UInt128)w << 64) / Value);

    /// <summary>x·w mod q given the Shoup companion of w; x may be any 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong MulShoup(ulong x, ulong w, ulong wShoup)
    {
        var r = MulShoupLazy(x, w, wShoup, Value);
        return SubtractIfAtLeast(r, Value);
    }

    /// <summary>x·w mod q in [0, 2q): Harvey's lazy multiplication by a precomputed constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulShoupLazy(ulong x, ulong w, ulong wShoup, ulong q)
    {
        var hi = Math.BigMul(x, wShoup, out _);
        return (x * w) - (hi * q);
    }

    public ulong Pow(ulong b, ulong e)
    {
        ulong r = 1 % Value;
        b = Reduce(b);
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                r = Mul(r, b);
            }

            b = Mul(b, b);
            e >>= 1;
        }

        return r;
    }

    /// <summary>The inverse modulo a prime q, by Fermat.</summary>
    public ulong Inverse(ulong a)
    {
        a = Reduce(a);
        if (a == 0)
        {
            throw new ArithmeticException("zero has no inverse");
        }

        return Pow(a, Value - 2);
    }

    public bool IsPrime() => Primes.IsPrime(Value);

    public bool Equals(Modulus? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as Modulus);

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
