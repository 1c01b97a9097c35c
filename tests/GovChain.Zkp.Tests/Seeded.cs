using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Tests;

/// <summary>Deterministic random values for tests that feed the same inputs to us and to a peer.</summary>
internal static class Seeded
{
    public static BigInteger Below(Random rng, BigInteger bound)
    {
        var bytes = new byte[bound.GetByteCount(isUnsigned: true) + 8];
        rng.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) % bound;
    }

    public static Fr Scalar(Random rng) => Fr.FromBigInteger(Below(rng, Fr.Modulus));

    public static Fp BaseElement(Random rng) => Fp.FromBigInteger(Below(rng, Fp.Modulus));

    /// <summary>FsCheck gives limbs; this folds them into a field-sized integer.</summary>
    public static BigInteger FromLimbs(ulong a, ulong b, ulong c, ulong d) =>
        new BigInteger(a) | (new BigInteger(b) << 64) | (new BigInteger(c) << 128) | (new BigInteger(d) << 192);
}
