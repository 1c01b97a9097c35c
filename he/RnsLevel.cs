using System.Numerics;
using GovChain.He.Arithmetic;

namespace GovChain.He;

/// <summary>
/// One level of the modulus chain: its primes, NTT tables and the BFV constants that encryption, decryption
/// and key switching need there. Polynomials at this level are stored prime by prime, n words each.
/// </summary>
public sealed class RnsLevel
{
    internal RnsLevel(int n, Modulus[] primes, Modulus plain)
    {
        N = n;
        Primes = primes;
        Ntt = primes.Select(q => new NttTables(n, q)).ToArray();
        ParmsId = EncryptionParameters.ComputeParmsId(n, primes, plain);
        Product = primes.Aggregate(BigInteger.One, (acc, q) => acc * q.Value);
        BitCount = (int)Product.GetBitLength();

        var t = plain.Value;
        var qDivT = Product / t;
        QModT = (ulong)(Product % t);
        QDivTModPrime = primes.Select(q => (ulong)(qDivT % q.Value)).ToArray();
        QDivTModPrimeShoup = primes.Select((q, i) => q.ShoupOf(QDivTModPrime[i])).ToArray();
        InverseCofactor = new ulong[primes.Length];
        InverseCofactorShoup = new ulong[primes.Length];
        TOverPrimeHigh = new ulong[primes.Length];
        TOverPrimeLow = new ulong[primes.Length];
        for (var i = 0; i < primes.Length; i++)
        {
            var q = primes[i];
            var cofactor = (ulong)(Product / q.Value % q.Value);
            InverseCofactor[i] = q.Inverse(cofactor);
            InverseCofactorShoup[i] = q.ShoupOf(InverseCofactor[i]);
            // floor(t·2^128 / q_i) split in two words: the fixed-point weight of residue i in t·x/Q.
            var w = (new BigInteger(t) << 128) / q.Value;
            TOverPrimeHigh[i] = (ulong)(w >> 64);
            TOverPrimeLow[i] = (ulong)(w & ulong.MaxValue);
        }
    }

    public int N { get; }

    public IReadOnlyList<Modulus> Primes { get; }

    public int PrimeCount => Primes.Count;

    public ParmsId ParmsId { get; }

    /// <summary>Bit length of the product Q of this level's primes.</summary>
    public int BitCount { get; }

    internal NttTables[] Ntt { get; }

    internal BigInteger Product { get; }

    internal ulong QModT { get; }

    internal ulong[] QDivTModPrime { get; }

    internal ulong[] QDivTModPrimeShoup { get; }

    /// <summary>(Q/q_i)^-1 mod q_i: CRT weights.</summary>
    internal ulong[] InverseCofactor { get; }

    internal ulong[] InverseCofactorShoup { get; }

    internal ulong[] TOverPrimeHigh { get; }

    internal ulong[] TOverPrimeLow { get; }

    internal int WordCount => N * Primes.Count;

    internal void ForwardNtt(Span<ulong> poly)
    {
        for (var i = 0; i < Ntt.Length; i++)
        {
            Ntt[i].Forward(poly.Slice(i * N, N));
        }
    }

    internal void InverseNtt(Span<ulong> poly)
    {
        for (var i = 0; i < Ntt.Length; i++)
        {
            Ntt[i].Inverse(poly.Slice(i * N, N));
        }
    }

    /// <summary>Checks that every residue of a stored polynomial is below its prime.</summary>
    internal void CheckReduced(ReadOnlySpan<ulong> data, string what)
    {
        var polys = data.Length / WordCount;
        for (var p = 0; p < polys; p++)
        {
            for (var i = 0; i < Primes.Count; i++)
            {
                var q = Primes[i].Value;
                var row = data.Slice((p * WordCount) + (i * N), N);
                foreach (var c in row)
                {
                    if (c >= q)
                    {
                        throw new HeFormatException($"{what}: coefficient {c} is not reduced modulo {q}");
                    }
                }
            }
        }
    }
}
