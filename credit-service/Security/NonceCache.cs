namespace GovChain.CreditService.Security;

/// <summary>
/// Remembers (actor, nonce) pairs while their timestamp could still pass the freshness check, so a replay inside the
/// window is caught and memory stays bounded: entries older than the window are dropped, and a full cache refuses
/// new requests rather than forgetting live nonces.
/// </summary>
public sealed class NonceCache(TimeSpan window, int capacity = 1_000_000)
{
    private readonly Lock gate = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, long> byTimestamp = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return seen.Count;
            }
        }
    }

    /// <summary>False if the pair was seen before. Throws when the cache is full of live nonces.</summary>
    public bool TryRegister(string actor, string nonce, long timestampMs, long nowMs)
    {
        var key = actor + "\n" + nonce;
        lock (gate)
        {
            var oldest = nowMs - (long)window.TotalMilliseconds;
            while (byTimestamp.TryPeek(out var stale, out var at) && at < oldest)
            {
                byTimestamp.Dequeue();
                seen.Remove(stale);
            }

            if (seen.Contains(key))
            {
                return false;
            }

            if (seen.Count >= capacity)
            {
                throw new RequestAuthenticationException(RequestRefusal.Unavailable, "replay cache is full; retry shortly");
            }

            seen.Add(key);
            byTimestamp.Enqueue(key, timestampMs);
            return true;
        }
    }
}
