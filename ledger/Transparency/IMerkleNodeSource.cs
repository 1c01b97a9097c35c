using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// Where a <see cref="MerkleTree"/> reads back the nodes it no longer holds: the store that wrote every node
/// <see cref="MerkleTree.NodesAddedSince"/> returned, keyed by level and index.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>
    /// Fills <paramref name="destination"/> with the stored nodes of <paramref name="level"/> from index
    /// <paramref name="first"/> on; throws <see cref="LedgerFormatException"/> if any of them is missing.
    /// </summary>
    void ReadNodes(int level, long first, Span<Hash32> destination);
}
