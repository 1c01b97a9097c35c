namespace GovChain.Ledger.Storage;

/// <summary>
/// What a node keeps in memory for trails and proofs besides RocksDB's own caches (node.json's <c>memory</c>): the
/// newest logged records (<see cref="RecentRecordsMiB"/>; older ones are read from the store, ≈ 5 µs each) and stored
/// chunks of the Merkle log (<see cref="MerkleChunksMiB"/>, 4 KiB for 64 leaves; a proof of a leaf outside them reads
/// its chunk back, ≈ 9 µs). The defaults hold ≈ 750,000 batch-signed records (the store writes around the operating
/// system's page cache, so these are the records a trail reads without a disk read) and the proofs of about a million.
/// </summary>
public sealed record LedgerMemory(int RecentRecordsMiB = 512, int MerkleChunksMiB = 64)
{
    public const int MaxRecentRecordsMiB = 2047; // one array
    public const int MaxMerkleChunksMiB = 65_536;

    public static LedgerMemory Default { get; } = new();

    internal int RecentRecordBytes => RecentRecordsMiB << 20;

    internal int MerkleChunks => MerkleChunksMiB * 256;

    /// <exception cref="LedgerFormatException">A size outside 1..<see cref="MaxRecentRecordsMiB"/> or 1..<see cref="MaxMerkleChunksMiB"/> MiB.</exception>
    public void Validate()
    {
        if (RecentRecordsMiB is < 1 or > MaxRecentRecordsMiB)
        {
            throw new LedgerFormatException($"memory.recentRecordsMiB must be 1 to {MaxRecentRecordsMiB}, not {RecentRecordsMiB}");
        }

        if (MerkleChunksMiB is < 1 or > MaxMerkleChunksMiB)
        {
            throw new LedgerFormatException($"memory.merkleChunksMiB must be 1 to {MaxMerkleChunksMiB}, not {MerkleChunksMiB}");
        }
    }
}
