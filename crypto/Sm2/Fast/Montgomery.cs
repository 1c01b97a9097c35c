using System.Runtime.CompilerServices;

namespace GovChain.Crypto.Sm2Fast;

/// <summary>
/// Montgomery arithmetic (R = 2^256) modulo a 256-bit odd modulus m = (m3 m2 m1 m0), with k0 = -m^-1 mod 2^64.
/// Every operation is constant time in its operands. Callers pass the modulus as constants so the JIT folds them.
/// </summary>
internal static class Montgomery
{
    /// <summary>CIOS multiplication: r = a·b·R^-1 mod m, for a, b &lt; m. Unrolled by hand, with the high and low halves
    /// of each product taken separately (BigMul's out parameter forces every low half through memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(in U256 a, in U256 b, out U256 r, ulong m0, ulong m1, ulong m2, ulong m3, ulong k0)
    {
        ulong b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5, c, hi, lo, q, ai;
        ai = a.L0;
        hi = U256.MulHigh(ai, b0); lo = ai * b0; lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(ai, b1); lo = ai * b1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(ai, b2); lo = ai * b2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        hi = U256.MulHigh(ai, b3); lo = ai * b3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        t4 += c; t5 = t4 < c ? 1UL : 0UL;
        q = t0 * k0;
        hi = U256.MulHigh(q, m0); lo = q * m0; lo += t0; hi += lo < t0 ? 1UL : 0UL; c = hi;
        hi = U256.MulHigh(q, m1); lo = q * m1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(q, m2); lo = q * m2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(q, m3); lo = q * m3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c; t4 = t5 + (t3 < c ? 1UL : 0UL);
        ai = a.L1;
        hi = U256.MulHigh(ai, b0); lo = ai * b0; lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(ai, b1); lo = ai * b1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(ai, b2); lo = ai * b2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        hi = U256.MulHigh(ai, b3); lo = ai * b3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        t4 += c; t5 = t4 < c ? 1UL : 0UL;
        q = t0 * k0;
        hi = U256.MulHigh(q, m0); lo = q * m0; lo += t0; hi += lo < t0 ? 1UL : 0UL; c = hi;
        hi = U256.MulHigh(q, m1); lo = q * m1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(q, m2); lo = q * m2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(q, m3); lo = q * m3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c; t4 = t5 + (t3 < c ? 1UL : 0UL);
        ai = a.L2;
        hi = U256.MulHigh(ai, b0); lo = ai * b0; lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(ai, b1); lo = ai * b1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(ai, b2); lo = ai * b2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        hi = U256.MulHigh(ai, b3); lo = ai * b3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        t4 += c; t5 = t4 < c ? 1UL : 0UL;
        q = t0 * k0;
        hi = U256.MulHigh(q, m0); lo = q * m0; lo += t0; hi += lo < t0 ? 1UL : 0UL; c = hi;
        hi = U256.MulHigh(q, m1); lo = q * m1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(q, m2); lo = q * m2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(q, m3); lo = q * m3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c; t4 = t5 + (t3 < c ? 1UL : 0UL);
        ai = a.L3;
        hi = U256.MulHigh(ai, b0); lo = ai * b0; lo += t0; hi += lo < t0 ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(ai, b1); lo = ai * b1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(ai, b2); lo = ai * b2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        hi = U256.MulHigh(ai, b3); lo = ai * b3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        t4 += c; t5 = t4 < c ? 1UL : 0UL;
        q = t0 * k0;
        hi = U256.MulHigh(q, m0); lo = q * m0; lo += t0; hi += lo < t0 ? 1UL : 0UL; c = hi;
        hi = U256.MulHigh(q, m1); lo = q * m1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t0 = lo; c = hi;
        hi = U256.MulHigh(q, m2); lo = q * m2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = U256.MulHigh(q, m3); lo = q * m3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        t3 = t4 + c; t4 = t5 + (t3 < c ? 1UL : 0UL);
        FinalSubtract(t0, t1, t2, t3, t4, out r, m0, m1, m2, m3);
    }

    /// <summary>r = a + b mod m, for a, b &lt; m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in U256 a, in U256 b, out U256 r, ulong m0, ulong m1, ulong m2, ulong m3)
    {
        var carry = U256.Add(in a, in b, out var s);
        FinalSubtract(s.L0, s.L1, s.L2, s.L3, carry, out r, m0, m1, m2, m3);
    }

    /// <summary>r = a - b mod m, for a, b &lt; m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in U256 a, in U256 b, out U256 r, ulong m0, ulong m1, ulong m2, ulong m3)
    {
        var borrow = U256.Sub(in a, in b, out var d);
        var mask = 0UL - borrow;
        ulong c;
        r.L0 = U256.AddCarry(d.L0, m0 & mask, 0, out c);
        r.L1 = U256.AddCarry(d.L1, m1 & mask, c, out c);
        r.L2 = U256.AddCarry(d.L2, m2 & mask, c, out c);
        r.L3 = U256.AddCarry(d.L3, m3 & mask, c, out _);
    }

    /// <summary>Given t = (t4 t3 t2 t1 t0) &lt; 2m, returns t mod m without branching on t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinalSubtract(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, out U256 r, ulong m0, ulong m1, ulong m2, ulong m3)
    {
        ulong b;
        var d0 = U256.SubBorrow(t0, m0, 0, out b);
        var d1 = U256.SubBorrow(t1, m1, b, out b);
        var d2 = U256.SubBorrow(t2, m2, b, out b);
        var d3 = U256.SubBorrow(t3, m3, b, out b);
        U256.SubBorrow(t4, 0, b, out b);
        // b = 1 means t < m: keep t.
        var keep = 0UL - b;
        r.L0 = (t0 & keep) | (d0 & ~keep);
        r.L1 = (t1 & keep) | (d1 & ~keep);
        r.L2 = (t2 & keep) | (d2 & ~keep);
        r.L3 = (t3 & keep) | (d3 & ~keep);
    }
}
