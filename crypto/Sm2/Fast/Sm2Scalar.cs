using System.Runtime.CompilerServices;

namespace GovChain.Crypto.Sm2Fast;

/// <summary>Arithmetic modulo the group order n, in Montgomery form, constant time (it handles private keys and nonces).</summary>
internal static unsafe class Sm2Scalar
{
    private const ulong N0 = 0x53BBF40939D54123UL, N1 = 0x7203DF6B21C6052BUL, N2 = 0xFFFFFFFFFFFFFFFFUL, N3 = 0xFFFFFFFEFFFFFFFFUL;
    private const ulong K0 = 0x327F9E8872350975UL;

    public static readonly U256 Order = new(N0, N1, N2, N3);

    public static readonly U256 One = new(0xAC440BF6C62ABEDDUL, 0x8DFC2094DE39FAD4UL, 0x0000000000000000UL, 0x0000000100000000UL);

    private static readonly U256 R2 = new(0x901192AF7C114F20UL, 0x3464504ADE6FA2FAUL, 0x620FC84C3AFFE0D4UL, 0x1EB5E412A22B3D3BUL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(in U256 a, in U256 b, out U256 r) => Montgomery.Mul(in a, in b, out r, N0, N1, N2, N3, K0);

    public static void Add(in U256 a, in U256 b, out U256 r) => Montgomery.Add(in a, in b, out r, N0, N1, N2, N3);

    public static void Sub(in U256 a, in U256 b, out U256 r) => Montgomery.Sub(in a, in b, out r, N0, N1, N2, N3);

    /// <summary>Reduces any 256-bit value (&lt; 2n, which every 256-bit value is) to [0, n) in constant time.</summary>
    public static void Reduce(in U256 a, out U256 r)
    {
        var borrow = U256.Sub(in a, in Order, out var d);
        U256.Select(0UL - borrow, in a, in d, out r);
    }

    public static void ToMontgomery(in U256 reduced, out U256 r) => Mul(in reduced, in R2, out r);

    public static void FromMontgomery(in U256 a, out U256 r) => Mul(in a, new U256(1, 0, 0, 0), out r);

    /// <summary>a^(n-2) (Fermat), constant time in a.</summary>
    public static void Invert(in U256 a, out U256 r) => Exponent.Pow(in a, new U256(N0 - 2, N1, N2, N3), One, &Mul, out r);
}
