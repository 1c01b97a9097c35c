using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Storage;

/// <summary>Everything one committed block derives, gathered so that <see cref="LedgerStore.StoreDerived"/> writes it in one batch.</summary>
public sealed record BlockCommit(
    Block Block,
    IReadOnlyList<(Hash32 Id, byte[] Record)> TransactionRecords,
    IReadOnlyList<(TrailIndex Index, string Key, long Leaf)> TrailEntries,
    IReadOnlyList<(long Leaf, byte[] Data)> LeafData,
    IReadOnlyList<(int Level, long Index, Hash32 Hash)> MerkleNodes,
    IReadOnlyList<(long Chunk, Hash32[] Nodes)> MerkleChunks,
    IReadOnlyList<(byte Table, string Id, byte[] Value)> StateRecords,
    byte[] StateDigest,
    Hash32 StateRoot,
    TreeHead TreeHead,
    SignedTreeHead? NewQuorumHead = null);
