namespace GovChain.Ledger.Consensus;

/// <summary>Pacemaker and resource limits. All durations are in ticks, the only notion of time the core has.</summary>
public sealed record ConsensusOptions
{
    /// <summary>Ticks a round may last before the validator times out, doubled after each consecutive timeout.</summary>
    public int BaseTimeoutTicks { get; init; } = 20;

    /// <summary>Cap of the backed-off round timeout; it bounds how long a healed network waits for a round.</summary>
    public int MaxTimeoutTicks { get; init; } = 80;

    /// <summary>
    /// Ticks an idle leader waits before proposing an empty block while the chain has few empty blocks in a row, or
    /// when a validator holding transactions has woken the round; below <see cref="BaseTimeoutTicks"/>, so such rounds
    /// never time out.
    /// </summary>
    public int IdleProposalTicks { get; init; } = 4;

    /// <summary>
    /// Cap of the idle wait, which doubles with each further empty block in a row: an idle network then makes a block
    /// every 10 s (at 50 ms ticks) instead of five a second. Replicas add the backed-off wait to their round timeout.
    /// </summary>
    public int MaxIdleProposalTicks { get; init; } = 200;

    /// <summary>Ticks before a block request is repeated to the next peer.</summary>
    public int BlockRequestRetryTicks { get; init; } = 8;

    /// <summary>Most transactions per block. A batch counts once, so a block of batches carries many more records.</summary>
    public int MaxBlockTransactions { get; init; } = 5000;

    /// <summary>Most transaction bytes per block, well under the 16 MiB peer message limit.</summary>
    public int MaxBlockBytes { get; init; } = 8 * 1024 * 1024;

    public int MaxPendingTransactions { get; init; } = 100_000;

    public long MaxPendingBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How far ahead of the current round votes and timeouts are kept.</summary>
    public ulong FutureRoundWindow { get; init; } = 1000;

    /// <summary>How far a proposed block time may run ahead of a voter's own clock reading.</summary>
    public long MaxClockSkewSeconds { get; init; } = 30;

    /// <summary>Most blocks held while their ancestors are fetched.</summary>
    public int MaxOrphanBlocks { get; init; } = 256;

    /// <summary>
    /// Committed blocks the core keeps in memory when an <see cref="ICommittedBlockArchive"/> holds the rest: the
    /// recent ones that certificates and block requests usually name. Without an archive it keeps them all.
    /// </summary>
    public int CommittedWindow { get; init; } = 64;

    /// <summary>
    /// Most block bytes served to one peer's block requests per tick (a response always carries at least one block).
    /// Blocks past the window are read and decoded from the store, so requests for them cost work a peer must not
    /// be able to ask for without limit; 4 MiB every 50 ms is still many times what a busy chain commits.
    /// </summary>
    public long MaxBlockSyncBytesPerTick { get; init; } = 4L * 1024 * 1024;

    /// <summary>Most transaction bytes in that window (the tip always stays): a block of batches is megabytes.</summary>
    public long CommittedWindowBytes { get; init; } = 16L * 1024 * 1024;
}
