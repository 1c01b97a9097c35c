using System.Numerics;

namespace GovChain.Zkp.Bn254;

/// <summary>The BN parameter x: p = 36x⁴ + 36x³ + 24x² + 6x + 1 and r = 36x⁴ + 36x³ + 18x² + 6x + 1.</summary>
internal static class Bn254Parameters
{
    public const ulong X = 4965661367192848881;

    /// <summary>6x + 2, the optimal-ate Miller loop length.</summary>
    public static readonly BigInteger AteLoopCount = (6 * (BigInteger)X) + 2;
}
