using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Storage;

/// <summary>
/// The tree heads a ledger published, by the height of the block each names, for the last few thousand heads: what a
/// validator checks a proposed head against before its vote vouches for it.
/// </summary>
internal sealed class HeadHistory
{
    private const int Capacity = 4096;
    private readonly Dictionary<ulong, TreeHead> byBlockHeight = [];
    private readonly Queue<ulong> order = new();

    public void Add(TreeHead head)
    {
        if (!byBlockHeight.TryAdd(head.BlockHeight, head))
        {
            return;
        }

        order.Enqueue(head.BlockHeight);
        if (order.Count > Capacity)
        {
            byBlockHeight.Remove(order.Dequeue());
        }
    }

    public bool Contains(TreeHead head) => byBlockHeight.TryGetValue(head.BlockHeight, out var known) && known == head;
}
