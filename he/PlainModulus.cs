using GovChain.He.Arithmetic;

namespace GovChain.He;

/// <summary>Plain moduli that enable batching: primes t ≡ 1 (mod 2n), as SEAL's PlainModulus::Batching picks them.</summary>
public static class PlainModulus
{
    public static Modulus Batching(int n, int bitSize) => new(Primes.NttFriendly(n, bitSize, 1)[0]);
}
