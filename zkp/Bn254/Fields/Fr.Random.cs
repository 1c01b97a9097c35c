using System.Security.Cryptography;

namespace GovChain.Zkp.Bn254.Fields;

public readonly partial struct Fr
{
    /// <summary>A uniformly random element from the OS CSPRNG (rejection sampling on 254 bits).</summary>
    public static Fr Random()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[31] &= 0x3F;
            var v = U256.FromLittleEndian(bytes);
            if (Montgomery<FrModulus>.IsCanonical(v))
            {
                return new(Montgomery<FrModulus>.ToMontgomery(v));
            }
        }
    }
}
