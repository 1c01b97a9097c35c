using System.Collections.Concurrent;

namespace GovChain.Ledger;

/// <summary>
/// A bounded concurrent map that approximates least-recently-used eviction without locking readers: when the current
/// generation is full it becomes the previous one (the old previous is dropped), and an entry found only in the
/// previous generation moves back to the current one. At most two generations of entries are held.
/// </summary>
internal sealed class GenerationalCache<TKey, TValue>(int generationSize, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Lock rotation = new();
    private Generation current = new(comparer);
    private Generation previous = new(comparer);

    public bool TryGet(TKey key, out TValue value)
    {
        if (Volatile.Read(ref current).Map.TryGetValue(key, out value!))
        {
            return true;
        }

        if (Volatile.Read(ref previous).Map.TryGetValue(key, out value!))
        {
            Add(key, value);
            return true;
        }

        return false;
    }

    public void Add(TKey key, TValue value)
    {
        var generation = Volatile.Read(ref current);
        if (Volatile.Read(ref generation.Count) >= generationSize)
        {
            lock (rotation)
            {
                if (ReferenceEquals(generation, current))
                {
                    previous = current;
                    current = new Generation(comparer);
                }

                generation = current;
            }
        }

        if (generation.Map.TryAdd(key, value))
        {
            Interlocked.Increment(ref generation.Count);
        }
        else
        {
            generation.Map[key] = value;
        }
    }

    // ConcurrentDictionary.Count takes every lock of the map, so each generation counts its own additions.
    private sealed class Generation(IEqualityComparer<TKey>? comparer)
    {
        public readonly ConcurrentDictionary<TKey, TValue> Map = new(comparer);
        public int Count;
    }
}
