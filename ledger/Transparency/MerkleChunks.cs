using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// The nodes of a Merkle tree below level <see cref="Level"/>, in chunks of 2^Level consecutive leaves: each chunk's
/// 2·2^Level − 2 hashes (its leaves, then each level above them up to its two top nodes) in one array. A chunk that
/// the store does not hold yet stays resident; a stored one may be dropped, at most <c>capacity</c> of those are kept,
/// the oldest loaded dropped first. Not thread-safe: <see cref="MerkleTree"/> guards it with its lock.
/// </summary>
internal sealed class MerkleChunks(int capacity)
{
    /// <summary>
    /// 64 leaves a chunk: the levels above it cost 1 byte a leaf in memory, and a proof of a dropped chunk's leaf reads
    /// 64 stored leaf hashes back and hashes 63 nodes.
    /// </summary>
    public const int Level = 6;

    public const int Leaves = 1 << Level;

    public const int Nodes = (2 * Leaves) - 2;

    private readonly Dictionary<long, Hash32[]> resident = [];
    private readonly Queue<long> droppable = new();

    /// <summary>Chunks 0 … StoredChunks − 1 are in the store and may be dropped.</summary>
    public long StoredChunks { get; private set; }

    public int ResidentCount => resident.Count;

    /// <summary>Where a level's nodes start in a chunk's array.</summary>
    public static int Offset(int level) => (2 * Leaves) - ((2 * Leaves) >> level);

    public bool TryGet(long chunk, out Hash32[] nodes) => resident.TryGetValue(chunk, out nodes!);

    /// <summary>A new, empty chunk at the end of the tree: resident until the store holds it.</summary>
    public Hash32[] Start(long chunk)
    {
        var nodes = new Hash32[Nodes];
        resident.Add(chunk, nodes);
        return nodes;
    }

    /// <summary>A stored chunk read back from the store.</summary>
    public void AddLoaded(long chunk, Hash32[] nodes)
    {
        if (resident.TryAdd(chunk, nodes))
        {
            droppable.Enqueue(chunk);
            Trim();
        }
    }

    /// <summary>The store now holds every complete chunk below <paramref name="chunks"/>.</summary>
    public void MarkStored(long chunks)
    {
        for (var chunk = StoredChunks; chunk < chunks; chunk++)
        {
            if (resident.ContainsKey(chunk))
            {
                droppable.Enqueue(chunk);
            }
        }

        StoredChunks = Math.Max(StoredChunks, chunks);
        Trim();
    }

    private void Trim()
    {
        while (droppable.Count > capacity)
        {
            resident.Remove(droppable.Dequeue());
        }
    }
}
