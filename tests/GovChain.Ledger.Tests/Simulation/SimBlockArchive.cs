using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>A validator's persisted committed chain seen as the archive its core reads blocks past its window from.</summary>
internal sealed class SimBlockArchive(List<Block> persisted) : ICommittedBlockArchive
{
    private readonly Dictionary<Hash32, Block> byHash = [];
    private int indexed;

    public int Reads { get; private set; }

    public Block? Find(Hash32 hash)
    {
        for (; indexed < persisted.Count; indexed++)
        {
            byHash[persisted[indexed].Hash] = persisted[indexed];
        }

        var block = byHash.GetValueOrDefault(hash);
        Reads += block is null ? 0 : 1;
        return block;
    }
}
