using System.Security.Cryptography;

namespace GovChain.Crypto.Tests;

/// <summary>Seeded differential cases spread over all cores; a failure names its seed so it replays exactly.</summary>
internal static class DifferentialCases
{
    public const int Default = 100_000;
    public const int Soak = 10_000_000;

    public static void Run(int count, Action<Random> body)
    {
        var baseSeed = RandomNumberGenerator.GetInt32(int.MaxValue);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var seed = unchecked(baseSeed + i);
            try
            {
                body(new Random(seed));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"case seed {seed} failed: {e.Message}", e);
            }
        });
    }
}
