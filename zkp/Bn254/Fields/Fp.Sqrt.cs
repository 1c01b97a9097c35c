using System.Numerics;

namespace GovChain.Zkp.Bn254.Fields;

public readonly partial struct Fp
{
    // From the modulus constant itself: static initializers in different partial files run in no guaranteed order.
    private static readonly BigInteger SqrtExponent = (FpModulus.Modulus.ToBigInteger() + 1) / 4;

    /// <summary>A square root when one exists; p ≡ 3 (mod 4), so it is a^((p+1)/4).</summary>
    public bool TrySqrt(out Fp root)
    {
        root = Pow(SqrtExponent);
        return root.Square() == this;
    }
}
