using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>
/// Modular arithmetic on 4×64-bit limbs in Montgomery form (CIOS multiplication). Both BN254 moduli are below 2^254,
/// so sums of two reduced values never carry out of 256 bits and the CIOS accumulator needs only one extra limb.
/// </summary>
internal static class Montgomery<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Add(in U256 a, in U256 b)
    {
        ulong c;
        var r0 = AddCarry(a.L0, b.L0, 0, out c);
        var r1 = AddCarry(a.L1, b.L1, c, out c);
        var r2 = AddCarry(a.L2, b.L2, c, out c);
        var r3 = AddCarry(a.L3, b.L3, c, out _);
        return ReduceOnce(r0, r1, r2, r3);
    }

    /// <summary>a − b, adding p back under a mask rather than a branch (the borrow is unpredictable).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Sub(in U256 a, in U256 b)
    {
        ulong borrow;
        var r0 = SubBorrow(a.L0, b.L0, 0, out borrow);
        var r1 = SubBorrow(a.L1, b.L1, borrow, out borrow);
        var r2 = SubBorrow(a.L2, b.L2, borrow, out borrow);
        var r3 = SubBorrow(a.L3, b.L3, borrow, out borrow);
        var mask = 0UL - borrow;
        ulong c;
        r0 = AddCarry(r0, TModulus.P0 & mask, 0, out c);
        r1 = AddCarry(r1, TModulus.P1 & mask, c, out c);
        r2 = AddCarry(r2, TModulus.P2 & mask, c, out c);
        r3 += (TModulus.P3 & mask) + c;
        return new U256(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Negate(in U256 a) => a.IsZero ? a : Sub(TModulus.Modulus, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Double(in U256 a) => Add(a, a);

    /// <summary>
    /// a·b·R^-1 mod p by CIOS, unrolled by hand: the JIT will not inline nested helpers this deep. Because p &lt; 2^254,
    /// the running value stays below 2p, so the fifth limb never carries out (the "no-carry" variant).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Mul(in U256 a, in U256 b)
    {
        ulong p0 = TModulus.P0, p1 = TModulus.P1, p2 = TModulus.P2, p3 = TModulus.P3;
        ulong t0, t1, t2, t3, t4, c, m, lo, hi;
        // Round 0: t += a·b0, then t = (t + m·p) / 2^64.
        hi = MulHigh(a.L0, b.L0);
        lo = a.L0 * b.L0;
        t0 = lo;
        c = hi;
        hi = MulHigh(a.L1, b.L0);
        lo = a.L1 * b.L0;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(a.L2, b.L0);
        lo = a.L2 * b.L0;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        hi = MulHigh(a.L3, b.L0);
        lo = a.L3 * b.L0;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t3 = lo;
        t4 = hi;
        m = t0 * TModulus.NegInverse;
        hi = MulHigh(m, p0);
        lo = m * p0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        c = hi;
        hi = MulHigh(m, p1);
        lo = m * p1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(m, p2);
        lo = m * p2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(m, p3);
        lo = m * p3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        t3 = t4 + c;
        // Round 1: t += a·b1, then t = (t + m·p) / 2^64.
        hi = MulHigh(a.L0, b.L1);
        lo = a.L0 * b.L1;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(a.L1, b.L1);
        lo = a.L1 * b.L1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(a.L2, b.L1);
        lo = a.L2 * b.L1;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        hi = MulHigh(a.L3, b.L1);
        lo = a.L3 * b.L1;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t3 = lo;
        c = hi;
        t4 = c;
        m = t0 * TModulus.NegInverse;
        hi = MulHigh(m, p0);
        lo = m * p0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        c = hi;
        hi = MulHigh(m, p1);
        lo = m * p1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(m, p2);
        lo = m * p2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(m, p3);
        lo = m * p3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        t3 = t4 + c;
        // Round 2: t += a·b2, then t = (t + m·p) / 2^64.
        hi = MulHigh(a.L0, b.L2);
        lo = a.L0 * b.L2;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(a.L1, b.L2);
        lo = a.L1 * b.L2;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(a.L2, b.L2);
        lo = a.L2 * b.L2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        hi = MulHigh(a.L3, b.L2);
        lo = a.L3 * b.L2;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t3 = lo;
        c = hi;
        t4 = c;
        m = t0 * TModulus.NegInverse;
        hi = MulHigh(m, p0);
        lo = m * p0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        c = hi;
        hi = MulHigh(m, p1);
        lo = m * p1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(m, p2);
        lo = m * p2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(m, p3);
        lo = m * p3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        t3 = t4 + c;
        // Round 3: t += a·b3, then t = (t + m·p) / 2^64.
        hi = MulHigh(a.L0, b.L3);
        lo = a.L0 * b.L3;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(a.L1, b.L3);
        lo = a.L1 * b.L3;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(a.L2, b.L3);
        lo = a.L2 * b.L3;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        hi = MulHigh(a.L3, b.L3);
        lo = a.L3 * b.L3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t3 = lo;
        c = hi;
        t4 = c;
        m = t0 * TModulus.NegInverse;
        hi = MulHigh(m, p0);
        lo = m * p0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        c = hi;
        hi = MulHigh(m, p1);
        lo = m * p1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t0 = lo;
        c = hi;
        hi = MulHigh(m, p2);
        lo = m * p2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t1 = lo;
        c = hi;
        hi = MulHigh(m, p3);
        lo = m * p3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        t2 = lo;
        c = hi;
        t3 = t4 + c;
        return ReduceOnce(t0, t1, t2, t3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Square(in U256 a) => Mul(a, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 ToMontgomery(in U256 canonical) => Mul(canonical, TModulus.RSquared);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 FromMontgomery(in U256 mont) => Mul(mont, new U256(1, 0, 0, 0));

    /// <summary>a^e for a little-endian exponent (square-and-multiply, left to right).</summary>
    public static U256 Pow(in U256 a, in U256 exponent)
    {
        var result = TModulus.ROne;
        for (var i = exponent.BitLength - 1; i >= 0; i--)
        {
            result = Square(result);
            if (exponent.Bit(i))
            {
                result = Mul(result, a);
            }
        }

        return result;
    }

    /// <summary>a^(p-2): the inverse for nonzero a, zero for zero.</summary>
    public static U256 Inverse(in U256 a)
    {
        var p = TModulus.Modulus;
        return Pow(a, new U256(p.L0 - 2, p.L1, p.L2, p.L3));
    }

    public static bool IsCanonical(in U256 v) => v.LessThan(TModulus.Modulus);

    /// <summary>
    /// The high half of a 64×64-bit product. Math.BigMul's low half comes back through memory, which puts a store and a
    /// reload on the critical path; MULX for the high half plus a plain IMUL for the low half stays in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong a, ulong b) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary>Subtracts p once if r ≥ p, selecting by mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static U256 ReduceOnce(ulong r0, ulong r1, ulong r2, ulong r3)
    {
        ulong borrow;
        var s0 = SubBorrow(r0, TModulus.P0, 0, out borrow);
        var s1 = SubBorrow(r1, TModulus.P1, borrow, out borrow);
        var s2 = SubBorrow(r2, TModulus.P2, borrow, out borrow);
        var s3 = SubBorrow(r3, TModulus.P3, borrow, out borrow);
        var keep = 0UL - borrow;
        return new U256((r0 & keep) | (s0 & ~keep), (r1 & keep) | (s1 & ~keep), (r2 & keep) | (s2 & ~keep), (r3 & keep) | (s3 & ~keep));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry(ulong a, ulong b, ulong carryIn, out ulong carryOut)
    {
        var s = a + b;
        var c1 = s < a ? 1UL : 0UL;
        var r = s + carryIn;
        carryOut = c1 | (r < s ? 1UL : 0UL);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubBorrow(ulong a, ulong b, ulong borrowIn, out ulong borrowOut)
    {
        var d = a - b;
        var b1 = a < b ? 1UL : 0UL;
        var r = d - borrowIn;
        borrowOut = b1 | (d < borrowIn ? 1UL : 0UL);
        return r;
    }
}
