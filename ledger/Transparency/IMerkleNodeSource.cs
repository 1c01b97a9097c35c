using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// Where a <see cref="MerkleTree"/> reads back the nodes it no longer holds: the store that wrote what
/// <see cref="MerkleTree.NodesAddedSince"/> and <see cref="MerkleTree.ChunksCompletedSince"/> returned.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>
    /// Fills <paramref name="destination"/> with the stored nodes of <paramref name="level"/> from index
    /// <paramref name="first"/> on; throws <see cref="LedgerFormatException"/> if any of them is missing.
    /// </summary>
    void ReadNodes(int level, long first, Span<Hash32> destination);

    /// <summary>
    /// Fills <paramref name="nodes"/> with a complete chunk's stored nodes, laid out as
    /// <see cref="MerkleTree.ChunksCompletedSince"/> returned them; false if the store has no such value (a store
    /// written before chunks were stored whole), and the tree rebuilds the chunk from its leaf hashes.
    /// </summary>
    bool TryReadChunk(long chunk, Span<Hash32> nodes);
}
