using System.Diagnostics;

namespace GovChain.Ledger.Transport;

/// <summary>A per-peer rate limit: <c>rate</c> messages per second with bursts up to <c>burst</c>. Thread-safe.</summary>
public sealed class TokenBucket(double rate, double burst)
{
    private readonly Lock gate = new();
    private readonly double capacity = burst;
    private double tokens = burst;
    private long last = Stopwatch.GetTimestamp();

    public bool TryTake()
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            tokens = Math.Min(capacity, tokens + (Stopwatch.GetElapsedTime(last, now).TotalSeconds * rate));
            last = now;
            if (tokens < 1)
            {
                return false;
            }

            tokens -= 1;
            return true;
        }
    }
}
