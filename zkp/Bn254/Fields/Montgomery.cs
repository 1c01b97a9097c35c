using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>
/// Modular arithmetic on 4×64-bit limbs in Montgomery form (CIOS multiplication). Both BN254 moduli are below 2^254,
/// so sums of two reduced values never carry out of 256 bits and the CIOS accumulator needs only one extra limb.
/// </summary>
internal static partial class Montgomery<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Add(in U256 a, in U256 b)
    {
        var sum = AddUnreduced(a, b);
        return ReduceOnce(sum.L0, sum.L1, sum.L2, sum.L3);
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

    /// <summary>a + b without the final subtraction: below 2p, for use only as a multiplication input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 AddUnreduced(in U256 a, in U256 b)
    {
        ulong c;
        var r0 = AddCarry(a.L0, b.L0, 0, out c);
        var r1 = AddCarry(a.L1, b.L1, c, out c);
        var r2 = AddCarry(a.L2, b.L2, c, out c);
        return new U256(r0, r1, r2, a.L3 + b.L3 + c);
    }

    /// <summary>a − b + p without the final subtraction: below 2p, for use only as a multiplication input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 SubUnreduced(in U256 a, in U256 b)
    {
        ulong c;
        var r0 = AddCarry(a.L0, TModulus.P0, 0, out c);
        var r1 = AddCarry(a.L1, TModulus.P1, c, out c);
        var r2 = AddCarry(a.L2, TModulus.P2, c, out c);
        var r3 = a.L3 + TModulus.P3 + c;
        ulong borrow;
        r0 = SubBorrow(r0, b.L0, 0, out borrow);
        r1 = SubBorrow(r1, b.L1, borrow, out borrow);
        r2 = SubBorrow(r2, b.L2, borrow, out borrow);
        return new U256(r0, r1, r2, r3 - b.L3 - borrow);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Negate(in U256 a) => a.IsZero ? a : Sub(TModulus.Modulus, a);

    /// <summary>2a by a shift (a &lt; 2^254, so nothing leaves the top limb), then one conditional subtraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Double(in U256 a) =>
        ReduceOnce(a.L0 << 1, (a.L1 << 1) | (a.L0 >> 63), (a.L2 << 1) | (a.L1 >> 63), (a.L3 << 1) | (a.L2 >> 63));

    /// <summary>a/2: adds p when a is odd (below 2^255), then shifts; a multiplication by 1/2 costs far more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Half(in U256 a)
    {
        var mask = 0UL - (a.L0 & 1);
        ulong c;
        var r0 = AddCarry(a.L0, TModulus.P0 & mask, 0, out c);
        var r1 = AddCarry(a.L1, TModulus.P1 & mask, c, out c);
        var r2 = AddCarry(a.L2, TModulus.P2 & mask, c, out c);
        var r3 = a.L3 + (TModulus.P3 & mask) + c;
        return new U256((r0 >> 1) | (r1 << 63), (r1 >> 1) | (r2 << 63), (r2 >> 1) | (r3 << 63), r3 >> 1);
    }

    /// <summary>
    /// 9a + b, or 9a − b when <paramref name="subtract"/> (the halves of multiplying by ξ = 9 + u), in one pass instead
    /// of five modular additions: the integer u = 9a ± b (+ p) is below 10p, so its quotient by p is estimated from the
    /// top ten bits (u / 2^248 divided by ⌊p / 2^248⌋ + 1, which for both BN254 moduli undershoots by at most one) and
    /// a single conditional subtraction finishes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 NineTimesPlus(in U256 a, in U256 b, bool subtract)
    {
        ulong c;
        var u0 = AddCarry(a.L0 << 3, a.L0, 0, out c);
        var u1 = AddCarry((a.L1 << 3) | (a.L0 >> 61), a.L1, c, out c);
        var u2 = AddCarry((a.L2 << 3) | (a.L1 >> 61), a.L2, c, out c);
        var u3 = AddCarry((a.L3 << 3) | (a.L2 >> 61), a.L3, c, out c);
        var u4 = (a.L3 >> 61) + c;

        // The addend: b, or p − b (which is in (0, p], so no borrow leaves the top limb).
        ulong v0 = b.L0, v1 = b.L1, v2 = b.L2, v3 = b.L3;
        if (subtract)
        {
            v0 = SubBorrow(TModulus.P0, b.L0, 0, out c);
            v1 = SubBorrow(TModulus.P1, b.L1, c, out c);
            v2 = SubBorrow(TModulus.P2, b.L2, c, out c);
            v3 = TModulus.P3 - b.L3 - c;
        }

        u0 = AddCarry(u0, v0, 0, out c);
        u1 = AddCarry(u1, v1, c, out c);
        u2 = AddCarry(u2, v2, c, out c);
        u3 = AddCarry(u3, v3, c, out c);
        u4 += c;

        // u − q·p modulo 2^256 is the true remainder (below 2p), since that fits in 256 bits.
        var q = ((u4 << 8) | (u3 >> 56)) / ((TModulus.P3 >> 56) + 1);
        var m0 = q * TModulus.P0;
        c = MulHigh(q, TModulus.P0);
        var m1 = (q * TModulus.P1) + c;
        c = MulHigh(q, TModulus.P1) + (m1 < c ? 1UL : 0UL);
        var m2 = (q * TModulus.P2) + c;
        c = MulHigh(q, TModulus.P2) + (m2 < c ? 1UL : 0UL);
        var m3 = (q * TModulus.P3) + c;
        u0 = SubBorrow(u0, m0, 0, out c);
        u1 = SubBorrow(u1, m1, c, out c);
        u2 = SubBorrow(u2, m2, c, out c);
        u3 = u3 - m3 - c;
        return ReduceOnce(u0, u1, u2, u3);
    }

    /// <summary>
    /// a·b·R^-1 mod p by CIOS with the product and reduction chains interleaved (gnark's "no-carry" form), unrolled by
    /// hand because the JIT will not inline helpers this deep. Because p &lt; 2^254 the running value stays below 2^256,
    /// so no fifth limb is needed. The inputs need only satisfy a·b &lt; p·2^256 (e.g. both below 2p, the unreduced sums
    /// of <see cref="AddUnreduced"/>); the result is fully reduced. m·p0 + t0 ≡ 0 mod 2^64, so its low word carries
    /// exactly when t0 ≠ 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Mul(in U256 a, in U256 b)
    {
        ulong p0 = TModulus.P0, p1 = TModulus.P1, p2 = TModulus.P2, p3 = TModulus.P3, n = TModulus.NegInverse;
        ulong t0, t1, t2, t3, c, c2, m, lo, hi;
        // Round 0: t = (t + a·b0 + m·p) / 2^64, the product and reduction chains interleaved.
        t0 = a.L0 * b.L0;
        c = MulHigh(a.L0, b.L0);
        m = t0 * n;
        c2 = MulHigh(m, p0) + (t0 != 0 ? 1UL : 0UL);
        hi = MulHigh(a.L1, b.L0);
        lo = (a.L1 * b.L0) + c;
        c = hi + (lo < c ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(m, p1);
        lo = (m * p1) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t0 = lo;
        hi = MulHigh(a.L2, b.L0);
        lo = (a.L2 * b.L0) + c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        hi = MulHigh(m, p2);
        lo = (m * p2) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(a.L3, b.L0);
        lo = (a.L3 * b.L0) + c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        hi = MulHigh(m, p3);
        lo = (m * p3) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t2 = lo;
        t3 = c + c2;
        // Round 1: t = (t + a·b1 + m·p) / 2^64, the product and reduction chains interleaved.
        hi = MulHigh(a.L0, b.L1);
        lo = (a.L0 * b.L1) + t0;
        c = hi + (lo < t0 ? 1UL : 0UL);
        t0 = lo;
        m = t0 * n;
        c2 = MulHigh(m, p0) + (t0 != 0 ? 1UL : 0UL);
        hi = MulHigh(a.L1, b.L1);
        lo = (a.L1 * b.L1) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(m, p1);
        lo = (m * p1) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t0 = lo;
        hi = MulHigh(a.L2, b.L1);
        lo = (a.L2 * b.L1) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        hi = MulHigh(m, p2);
        lo = (m * p2) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(a.L3, b.L1);
        lo = (a.L3 * b.L1) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        hi = MulHigh(m, p3);
        lo = (m * p3) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t2 = lo;
        t3 = c + c2;
        // Round 2: t = (t + a·b2 + m·p) / 2^64, the product and reduction chains interleaved.
        hi = MulHigh(a.L0, b.L2);
        lo = (a.L0 * b.L2) + t0;
        c = hi + (lo < t0 ? 1UL : 0UL);
        t0 = lo;
        m = t0 * n;
        c2 = MulHigh(m, p0) + (t0 != 0 ? 1UL : 0UL);
        hi = MulHigh(a.L1, b.L2);
        lo = (a.L1 * b.L2) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(m, p1);
        lo = (m * p1) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t0 = lo;
        hi = MulHigh(a.L2, b.L2);
        lo = (a.L2 * b.L2) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        hi = MulHigh(m, p2);
        lo = (m * p2) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(a.L3, b.L2);
        lo = (a.L3 * b.L2) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        hi = MulHigh(m, p3);
        lo = (m * p3) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t2 = lo;
        t3 = c + c2;
        // Round 3: t = (t + a·b3 + m·p) / 2^64, the product and reduction chains interleaved.
        hi = MulHigh(a.L0, b.L3);
        lo = (a.L0 * b.L3) + t0;
        c = hi + (lo < t0 ? 1UL : 0UL);
        t0 = lo;
        m = t0 * n;
        c2 = MulHigh(m, p0) + (t0 != 0 ? 1UL : 0UL);
        hi = MulHigh(a.L1, b.L3);
        lo = (a.L1 * b.L3) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(m, p1);
        lo = (m * p1) + t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t0 = lo;
        hi = MulHigh(a.L2, b.L3);
        lo = (a.L2 * b.L3) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        hi = MulHigh(m, p2);
        lo = (m * p2) + t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t1 = lo;
        hi = MulHigh(a.L3, b.L3);
        lo = (a.L3 * b.L3) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        hi = MulHigh(m, p3);
        lo = (m * p3) + t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += c2;
        c2 = hi + (lo < c2 ? 1UL : 0UL);
        t2 = lo;
        t3 = c + c2;
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
