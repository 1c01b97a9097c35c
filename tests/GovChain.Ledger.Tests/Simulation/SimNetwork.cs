namespace GovChain.Ledger.Tests.Simulation;

/// <summary>
/// The seeded in-process network: every message gets a random delay (so messages reorder), and may be dropped,
/// duplicated, or cut off by a partition. Delivery order is a pure function of the seed.
/// </summary>
internal sealed class SimNetwork(Random random)
{
    private readonly PriorityQueue<Envelope, (long Tick, long Sequence)> queue = new();
    private long sequence;

    public double DropProbability { get; set; }

    public double DuplicateProbability { get; set; }

    public int MaxDelay { get; set; } = 1;

    /// <summary>Partition group per node; messages cross only within a group. Null means fully connected.</summary>
    public int[]? Partition { get; set; }

    public long Sent { get; private set; }

    public void Send(long now, int from, int to, byte[] payload)
    {
        Sent++;
        if (Partition is { } groups && groups[from] != groups[to])
        {
            return;
        }

        if (random.NextDouble() < DropProbability)
        {
            return;
        }

        Enqueue(now, from, to, payload);
        if (random.NextDouble() < DuplicateProbability)
        {
            Enqueue(now, from, to, payload);
        }
    }

    public bool TryDequeue(long now, out Envelope envelope)
    {
        if (queue.TryPeek(out envelope, out var priority) && priority.Tick <= now)
        {
            queue.Dequeue();
            return true;
        }

        envelope = default;
        return false;
    }

    private void Enqueue(long now, int from, int to, byte[] payload) =>
        queue.Enqueue(new Envelope(from, to, payload), (now + random.Next(1, MaxDelay + 1), sequence++));

    internal readonly record struct Envelope(int From, int To, byte[] Payload);
}
