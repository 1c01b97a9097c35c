using GovChain.He.Arithmetic;

namespace GovChain.He;

/// <summary>Coefficient modulus chains: SEAL's BFVDefault(n, tc128) and custom chains within the 128-bit security table.</summary>
public static class CoeffModulus
{
    /// <summary>
    /// Largest total log2(q) per n for 128-bit classical security with a ternary secret (HomomorphicEncryption.org standard,
    /// the table SEAL enforces).
    /// </summary>
    public static int MaxBitCount(int n) => n switch
    {
        1024 => 27,
        2048 => 54,
        4096 => 109,
        8192 => 218,
        16384 => 438,
        32768 => 881,
        _ => 0,
    };

    /// <summary>The primes SEAL's CoeffModulus::BFVDefault(n, sec_level_type::tc128) returns.</summary>
    public static IReadOnlyList<Modulus> BfvDefault(int n) => n switch
    {
        4096 => Of(0xffffee001, 0xffffc4001, 0x1ffffe0001),
        8192 => Of(0x7fffffd8001, 0x7fffffc8001, 0xfffffffc001, 0xffffff6c001, 0xfffffebc001),
        16384 => Of(
            0xfffffffd8001, 0xfffffffa0001, 0xfffffff00001, 0x1fffffff68001, 0x1fffffff50001,
            0x1ffffffee8001, 0x1ffffffea0001, 0x1ffffffe88001, 0x1ffffffe48001),
        _ => throw new HeFormatException($"no default coefficient modulus for n = {n}; use 4096, 8192 or 16384"),
    };

    /// <summary>Like SEAL's CoeffModulus::Create: for each requested size, the next-largest unused prime ≡ 1 mod 2n.</summary>
    public static IReadOnlyList<Modulus> Create(int n, IReadOnlyList<int> bitSizes)
    {
        if (bitSizes.Count == 0 || bitSizes.Any(b => b < 2 || b > 60))
        {
            throw new HeFormatException("coefficient modulus bit sizes must be between 2 and 60");
        }

        // SEAL hands out each size's primes from the smallest of the found ones upwards.
        var pools = bitSizes.GroupBy(b => b).ToDictionary(g => g.Key, g => new Stack<ulong>(Primes.NttFriendly(n, g.Key, g.Count())));
        return bitSizes.Select(b => new Modulus(pools[b].Pop())).ToArray();
    }

    private static Modulus[] Of(params ulong[] values) => values.Select(v => new Modulus(v)).ToArray();
}
