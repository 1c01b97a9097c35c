using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>Pending transactions in arrival order, deduplicated by hash, bounded.</summary>
internal sealed class Mempool(int capacity)
{
    private readonly LinkedList<(Hash32 Hash, byte[] Tx)> order = new();
    private readonly Dictionary<Hash32, LinkedListNode<(Hash32 Hash, byte[] Tx)>> byHash = [];

    public int Count => byHash.Count;

    public bool Add(byte[] tx)
    {
        var hash = Hash32.Compute(tx);
        if (byHash.Count >= capacity || byHash.ContainsKey(hash))
        {
            return false;
        }

        byHash[hash] = order.AddLast((hash, tx));
        return true;
    }

    public void Remove(Hash32 hash)
    {
        if (byHash.Remove(hash, out var node))
        {
            order.Remove(node);
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> transactions in arrival order, skipping those already in pending ancestors.
    /// Transactions that are no longer admissible (a validator-set change for a past epoch) are dropped.
    /// </summary>
    public List<byte[]> Take(int max, HashSet<Hash32> exclude, Func<byte[], bool> admissible)
    {
        var batch = new List<byte[]>();
        for (var node = order.First; node is not null && batch.Count < max;)
        {
            var next = node.Next;
            if (!exclude.Contains(node.Value.Hash))
            {
                if (admissible(node.Value.Tx))
                {
                    batch.Add(node.Value.Tx);
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
