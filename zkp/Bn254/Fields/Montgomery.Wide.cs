using System.Runtime.CompilerServices;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>A double-width product as eight little-endian 64-bit limbs, before its Montgomery reduction.</summary>
internal readonly struct U512(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5, ulong l6, ulong l7)
{
    public readonly ulong L0 = l0, L1 = l1, L2 = l2, L3 = l3, L4 = l4, L5 = l5, L6 = l6, L7 = l7;
}

/// <summary>
/// Lazy reduction: a product kept at double width so that sums and differences of products pay one Montgomery
/// reduction for the result instead of one per product (an F_p² product needs two reductions instead of three).
/// </summary>
internal static partial class Montgomery<TModulus>
{
    /// <summary>The full 512-bit product a·b (schoolbook, row by row, unrolled: the JIT will not inline helpers this deep).</summary>
    public static U512 MulWide(in U256 a, in U256 b)
    {
        ulong t0, t1, t2, t3, t4, t5, t6, t7, c, hi, lo;

        // Row 0: a·b0.
        t0 = a.L0 * b.L0;
        c = MulHigh(a.L0, b.L0);
        lo = (a.L1 * b.L0) + c;
        c = MulHigh(a.L1, b.L0) + (lo < c ? 1UL : 0UL);
        t1 = lo;
        lo = (a.L2 * b.L0) + c;
        c = MulHigh(a.L2, b.L0) + (lo < c ? 1UL : 0UL);
        t2 = lo;
        lo = (a.L3 * b.L0) + c;
        c = MulHigh(a.L3, b.L0) + (lo < c ? 1UL : 0UL);
        t3 = lo;
        t4 = c;

        // Row 1: t += a·b1·2^64; no 128-bit step a_j·b_i + t + c can overflow.
        lo = (a.L0 * b.L1) + t1;
        c = MulHigh(a.L0, b.L1) + (lo < t1 ? 1UL : 0UL);
        t1 = lo;
        lo = (a.L1 * b.L1) + t2;
        hi = MulHigh(a.L1, b.L1) + (lo < t2 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        lo = (a.L2 * b.L1) + t3;
        hi = MulHigh(a.L2, b.L1) + (lo < t3 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        lo = (a.L3 * b.L1) + t4;
        hi = MulHigh(a.L3, b.L1) + (lo < t4 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t4 = lo;
        t5 = c;

        // Row 2: t += a·b2·2^128; no 128-bit step a_j·b_i + t + c can overflow.
        lo = (a.L0 * b.L2) + t2;
        c = MulHigh(a.L0, b.L2) + (lo < t2 ? 1UL : 0UL);
        t2 = lo;
        lo = (a.L1 * b.L2) + t3;
        hi = MulHigh(a.L1, b.L2) + (lo < t3 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        lo = (a.L2 * b.L2) + t4;
        hi = MulHigh(a.L2, b.L2) + (lo < t4 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t4 = lo;
        lo = (a.L3 * b.L2) + t5;
        hi = MulHigh(a.L3, b.L2) + (lo < t5 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t5 = lo;
        t6 = c;

        // Row 3: t += a·b3·2^192; no 128-bit step a_j·b_i + t + c can overflow.
        lo = (a.L0 * b.L3) + t3;
        c = MulHigh(a.L0, b.L3) + (lo < t3 ? 1UL : 0UL);
        t3 = lo;
        lo = (a.L1 * b.L3) + t4;
        hi = MulHigh(a.L1, b.L3) + (lo < t4 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t4 = lo;
        lo = (a.L2 * b.L3) + t5;
        hi = MulHigh(a.L2, b.L3) + (lo < t5 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t5 = lo;
        lo = (a.L3 * b.L3) + t6;
        hi = MulHigh(a.L3, b.L3) + (lo < t6 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t6 = lo;
        t7 = c;
        return new U512(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>a − b for a ≥ b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U512 SubWide(in U512 a, in U512 b)
    {
        ulong borrow;
        var r0 = SubBorrow(a.L0, b.L0, 0, out borrow);
        var r1 = SubBorrow(a.L1, b.L1, borrow, out borrow);
        var r2 = SubBorrow(a.L2, b.L2, borrow, out borrow);
        var r3 = SubBorrow(a.L3, b.L3, borrow, out borrow);
        var r4 = SubBorrow(a.L4, b.L4, borrow, out borrow);
        var r5 = SubBorrow(a.L5, b.L5, borrow, out borrow);
        var r6 = SubBorrow(a.L6, b.L6, borrow, out borrow);
        return new U512(r0, r1, r2, r3, r4, r5, r6, a.L7 - b.L7 - borrow);
    }

    /// <summary>a − b for a, b &lt; p·2^256, plus p·2^256 when that is negative: the result is again below p·2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U512 SubWideModulo(in U512 a, in U512 b)
    {
        ulong borrow;
        var r0 = SubBorrow(a.L0, b.L0, 0, out borrow);
        var r1 = SubBorrow(a.L1, b.L1, borrow, out borrow);
        var r2 = SubBorrow(a.L2, b.L2, borrow, out borrow);
        var r3 = SubBorrow(a.L3, b.L3, borrow, out borrow);
        var r4 = SubBorrow(a.L4, b.L4, borrow, out borrow);
        var r5 = SubBorrow(a.L5, b.L5, borrow, out borrow);
        var r6 = SubBorrow(a.L6, b.L6, borrow, out borrow);
        var r7 = SubBorrow(a.L7, b.L7, borrow, out borrow);
        var mask = 0UL - borrow;
        ulong c;
        r4 = AddCarry(r4, TModulus.P0 & mask, 0, out c);
        r5 = AddCarry(r5, TModulus.P1 & mask, c, out c);
        r6 = AddCarry(r6, TModulus.P2 & mask, c, out c);
        r7 += (TModulus.P3 & mask) + c;
        return new U512(r0, r1, r2, r3, r4, r5, r6, r7);
    }

    /// <summary>
    /// t·R^-1 mod p, fully reduced, for t &lt; p·2^256 (word-by-word Montgomery reduction). The bound keeps the
    /// result below 2p, so nothing carries out of the top limb and one conditional subtraction finishes.
    /// </summary>
    public static U256 Reduce(in U512 t)
    {
        ulong t0 = t.L0, t1 = t.L1, t2 = t.L2, t3 = t.L3, t4 = t.L4, t5 = t.L5, t6 = t.L6, t7 = t.L7;
        ulong m, c, hi, lo, top = 0;

        // Step 0: t += m·p·2^0 with m chosen to clear t0; m·p0 + t0 carries exactly when t0 ≠ 0.
        m = t0 * TModulus.NegInverse;
        c = MulHigh(m, TModulus.P0) + (t0 != 0 ? 1UL : 0UL);
        lo = (m * TModulus.P1) + t1;
        hi = MulHigh(m, TModulus.P1) + (lo < t1 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t1 = lo;
        lo = (m * TModulus.P2) + t2;
        hi = MulHigh(m, TModulus.P2) + (lo < t2 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        lo = (m * TModulus.P3) + t3;
        hi = MulHigh(m, TModulus.P3) + (lo < t3 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        t4 = AddCarry(t4, c, top, out top);

        // Step 1: t += m·p·2^64 with m chosen to clear t1; m·p0 + t1 carries exactly when t1 ≠ 0.
        m = t1 * TModulus.NegInverse;
        c = MulHigh(m, TModulus.P0) + (t1 != 0 ? 1UL : 0UL);
        lo = (m * TModulus.P1) + t2;
        hi = MulHigh(m, TModulus.P1) + (lo < t2 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t2 = lo;
        lo = (m * TModulus.P2) + t3;
        hi = MulHigh(m, TModulus.P2) + (lo < t3 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        lo = (m * TModulus.P3) + t4;
        hi = MulHigh(m, TModulus.P3) + (lo < t4 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t4 = lo;
        t5 = AddCarry(t5, c, top, out top);

        // Step 2: t += m·p·2^128 with m chosen to clear t2; m·p0 + t2 carries exactly when t2 ≠ 0.
        m = t2 * TModulus.NegInverse;
        c = MulHigh(m, TModulus.P0) + (t2 != 0 ? 1UL : 0UL);
        lo = (m * TModulus.P1) + t3;
        hi = MulHigh(m, TModulus.P1) + (lo < t3 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t3 = lo;
        lo = (m * TModulus.P2) + t4;
        hi = MulHigh(m, TModulus.P2) + (lo < t4 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t4 = lo;
        lo = (m * TModulus.P3) + t5;
        hi = MulHigh(m, TModulus.P3) + (lo < t5 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t5 = lo;
        t6 = AddCarry(t6, c, top, out top);

        // Step 3: t += m·p·2^192 with m chosen to clear t3; m·p0 + t3 carries exactly when t3 ≠ 0.
        m = t3 * TModulus.NegInverse;
        c = MulHigh(m, TModulus.P0) + (t3 != 0 ? 1UL : 0UL);
        lo = (m * TModulus.P1) + t4;
        hi = MulHigh(m, TModulus.P1) + (lo < t4 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t4 = lo;
        lo = (m * TModulus.P2) + t5;
        hi = MulHigh(m, TModulus.P2) + (lo < t5 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t5 = lo;
        lo = (m * TModulus.P3) + t6;
        hi = MulHigh(m, TModulus.P3) + (lo < t6 ? 1UL : 0UL);
        lo += c;
        c = hi + (lo < c ? 1UL : 0UL);
        t6 = lo;
        t7 += c + top;
        return ReduceOnce(t4, t5, t6, t7);
    }
}
