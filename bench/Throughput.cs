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

    /// <summary>Operations per second for calls that take seconds: one warm-up call, then whole calls until the time is up.</summary>
    public static double WholeCallsPerSecond(Action operation, TimeSpan duration)
    {
        operation();
        var count = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            operation();
            count++;
        }
        while (sw.Elapsed < duration);
        return count / sw.Elapsed.TotalSeconds;
    }
}
