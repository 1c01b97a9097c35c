using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// The committed blocks a validator has stored, for the ones that have left the core's window of recent blocks
/// (<see cref="ConsensusOptions.CommittedWindow"/>): it answers block sync and certificates about old blocks from
/// here, so its memory does not grow with the chain. Read on the core's thread, between inputs; by then every block
/// <see cref="ConsensusNode.DrainCommits"/> handed out is in it (the host persists commits before the next input).
/// </summary>
public interface ICommittedBlockArchive
{
    /// <summary>The committed block with this hash, or null if none is.</summary>
    Block? Find(Hash32 hash);
}
