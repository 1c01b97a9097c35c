using System.Diagnostics;

namespace GovChain.Bench;

/// <summary>Runs an operation repeatedly for a fixed time after a warm-up and reports operations per second.</summary>
public static class Throughput
{
    public static double OpsPerSecond(Action operation, TimeSpan duration)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(200))
        {
            operation();
        }

        long count = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < duration)
        {
            for (var i = 0; i < 8; i++)
            {
                operation();
            }

            count += 8;
        }

        return count / sw.Elapsed.TotalSeconds;
    }
}
