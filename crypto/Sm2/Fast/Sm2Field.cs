using System.Runtime.CompilerServices;

namespace GovChain.Crypto.Sm2Fast;

/// <summary>
/// GF(p) for p = 2^256 - 2^224 - 2^96 + 2^64 - 1, in Montgomery form. Because p ≡ -1 (mod 2^64), k0 = 1 and each
/// reduction step needs no multiplication to find its quotient digit.
/// </summary>
internal static unsafe class Sm2Field
{
    private const ulong P0 = 0xFFFFFFFFFFFFFFFFUL, P1 = 0xFFFFFFFF00000000UL, P2 = 0xFFFFFFFFFFFFFFFFUL, P3 = 0xFFFFFFFEFFFFFFFFUL;

    public static readonly U256 Modulus = new(P0, P1, P2, P3);

    /// <summary>1 in Montgomery form (R mod p).</summary>
    public static readonly U256 One = new(0x0000000000000001UL, 0x00000000FFFFFFFFUL, 0x0000000000000000UL, 0x0000000100000000UL);

    private static readonly U256 R2 = new(0x0000000200000003UL, 0x00000002FFFFFFFFUL, 0x0000000100000001UL, 0x0000000400000002UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(in U256 a, in U256 b, out U256 r) => Montgomery.Mul(in a, in b, out r, P0, P1, P2, P3, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Square(in U256 a, out U256 r) => Montgomery.Mul(in a, in a, out r, P0, P1, P2, P3, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in U256 a, in U256 b, out U256 r) => Montgomery.Add(in a, in b, out r, P0, P1, P2, P3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in U256 a, in U256 b, out U256 r) => Montgomery.Sub(in a, in b, out r, P0, P1, P2, P3);

    public static void Negate(in U256 a, out U256 r) => Montgomery.Sub(default, in a, out r, P0, P1, P2, P3);

    /// <summary>Canonical value (&lt; p) to Montgomery form; returns false if the value is not below p.</summary>
    public static bool TryToMontgomery(in U256 canonical, out U256 r)
    {
        var inRange = U256.Sub(in canonical, in Modulus, out _) == 1;
        Mul(in canonical, in R2, out r);
        return inRange;
    }

    public static void FromMontgomery(in U256 a, out U256 r) => Mul(in a, new U256(1, 0, 0, 0), out r);

    /// <summary>a^(p-2) by a fixed 4-bit window: constant time in a (the exponent is public). Zero maps to zero.</summary>
    public static void Invert(in U256 a, out U256 r) => Exponent.Pow(in a, new U256(P0 - 2, P1, P2, P3), One, &Mul, out r);
}
