using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>Pending transactions in arrival order, deduplicated by hash, bounded in count and bytes.</summary>
internal sealed class Mempool(int capacity, long capacityBytes)
{
    private long bytes;

    private readonly LinkedList<(Hash32 Hash, byte[] Tx)> order = new();
    private readonly Dictionary<Hash32, LinkedListNode<(Hash32 Hash, byte[] Tx)>> byHash = [];

    public int Count => byHash.Count;

    /// <summary>Adds a transaction whose id (its SM3) is <paramref name="hash"/>.</summary>
    public bool Add(byte[] tx, Hash32 hash)
    {
        if (byHash.Count >= capacity || bytes + tx.Length > capacityBytes || byHash.ContainsKey(hash))
        {
            return false;
        }

        byHash[hash] = order.AddLast((hash, tx));
        bytes += tx.Length;
        return true;
    }

    public void Remove(Hash32 hash)
    {
        if (byHash.Remove(hash, out var node))
        {
            order.Remove(node);
            bytes -= node.Value.Tx.Length;
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> transactions (and <paramref name="maxBytes"/> bytes) in arrival order, skipping those already in pending ancestors.
    /// Transactions that are no longer admissible (a validator-set change for a past epoch) are dropped.
    /// </summary>
    public List<(Hash32 Hash, byte[] Tx)> Take(int max, int maxBytes, HashSet<Hash32> exclude, Func<byte[], bool> admissible)
    {
        var batch = new List<(Hash32, byte[])>();
        var bytes = 0L;
        for (var node = order.First; node is not null && batch.Count < max;)
        {
            var next = node.Next;
            if (!exclude.Contains(node.Value.Hash))
            {
                if (bytes + node.Value.Tx.Length > maxBytes)
                {
                    break;
                }

                if (admissible(node.Value.Tx))
                {
                    batch.Add(node.Value);
                    bytes += node.Value.Tx.Length;
                }
                else
                {
                    Remove(node.Value.Hash);
                }
            }

            node = next;
        }

        return batch;
    }
}
