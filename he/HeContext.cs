using System.Numerics;
using GovChain.He.Arithmetic;

namespace GovChain.He;

/// <summary>
/// Validated BFV parameters with two levels, as SEAL uses them for key switching: the key level (all primes, the last
/// one being the special prime P) and the data level (P dropped), where fresh ciphertexts live.
/// </summary>
public sealed class HeContext
{
    public HeContext(EncryptionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(parameters);
        Parameters = parameters;
        N = parameters.PolyModulusDegree;
        PlainModulus = parameters.PlainModulus;
        var primes = parameters.CoeffModulus.ToArray();
        KeyLevel = new RnsLevel(N, primes, PlainModulus);
        DataLevel = new RnsLevel(N, primes[..^1], PlainModulus);
        PlainNtt = new NttTables(N, PlainModulus);
    }

    public EncryptionParameters Parameters { get; }

    public int N { get; }

    public Modulus PlainModulus { get; }

    public RnsLevel KeyLevel { get; }

    public RnsLevel DataLevel { get; }

    internal NttTables PlainNtt { get; }

    internal Modulus SpecialPrime => KeyLevel.Primes[^1];

    /// <summary>The level a parms_id names, or null.</summary>
    public RnsLevel? LevelOf(ParmsId id) =>
        id == DataLevel.ParmsId ? DataLevel : id == KeyLevel.ParmsId ? KeyLevel : null;

    private static void Validate(EncryptionParameters p)
    {
        var n = p.PolyModulusDegree;
        if (n is not (4096 or 8192 or 16384))
        {
            throw new HeFormatException($"poly_modulus_degree {n} is not supported (4096, 8192 or 16384)");
        }

        var primes = p.CoeffModulus;
        if (primes.Count < 2)
        {
            throw new HeFormatException("the coefficient modulus needs at least two primes (data primes and a special prime)");
        }

        var twoN = 2UL * (ulong)n;
        for (var i = 0; i < primes.Count; i++)
        {
            var q = primes[i];
            if (q.BitCount > 60 || !q.IsPrime() || (q.Value - 1) % twoN != 0)
            {
                throw new HeFormatException($"coefficient modulus {q.Value} is not a prime ≡ 1 mod {twoN} of at most 60 bits");
            }

            for (var j = 0; j < i; j++)
            {
                if (primes[j].Value == q.Value)
                {
                    throw new HeFormatException($"coefficient modulus {q.Value} appears twice");
                }
            }
        }

        var bits = (int)primes.Aggregate(BigInteger.One, (acc, q) => acc * q.Value).GetBitLength();
        if (bits > CoeffModulus.MaxBitCount(n))
        {
            throw new HeFormatException(
                $"coefficient modulus of {bits} bits exceeds the 128-bit security limit of {CoeffModulus.MaxBitCount(n)} bits for n = {n}");
        }

        var t = p.PlainModulus;
        if (!t.IsPrime() || (t.Value - 1) % twoN != 0 || t.BitCount > 60)
        {
            throw new HeFormatException($"plain modulus {t.Value} does not enable batching (a prime ≡ 1 mod {twoN})");
        }

        if (primes.Any(q => q.Value <= t.Value))
        {
            throw new HeFormatException($"plain modulus {t.Value} must be smaller than every coefficient prime");
        }
    }
}
