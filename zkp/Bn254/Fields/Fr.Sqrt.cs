using System.Numerics;

namespace GovChain.Zkp.Bn254.Fields;

public readonly partial struct Fr
{
    /// <summary>r - 1 = 2^28 · OddPart; 2^28 is also the largest power-of-two NTT domain.</summary>
    public const int TwoAdicity = 28;

    // From the modulus constant itself: static initializers in different partial files run in no guaranteed order.
    private static readonly BigInteger OddPart = (FrModulus.Modulus.ToBigInteger() - 1) >> TwoAdicity;

    /// <summary>A primitive 2^28-th root of unity: 5^OddPart, where 5 generates F_r^* (as in circom and snarkjs).</summary>
    public static Fr RootOfUnity { get; } = FromUInt64(5).Pow(OddPart);

    /// <summary>A square root when one exists (Tonelli–Shanks).</summary>
    public bool TrySqrt(out Fr root)
    {
        if (IsZero)
        {
            root = Zero;
            return true;
        }

        var m = TwoAdicity;
        var c = RootOfUnity;
        var t = Pow(OddPart);
        var r = Pow((OddPart + 1) / 2);
        while (!t.IsOne)
        {
            var i = 0;
            var t2 = t;
            while (!t2.IsOne)
            {
                t2 = t2.Square();
                if (++i == m)
                {
                    root = Zero;
                    return false;
                }
            }

            var b = c;
            for (var j = 0; j < m - i - 1; j++)
            {
                b = b.Square();
            }

            m = i;
            c = b.Square();
            t *= c;
            r *= b;
        }

        root = r;
        return true;
    }
}
