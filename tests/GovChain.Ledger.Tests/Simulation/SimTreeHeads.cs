using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>
/// A stand-in transparency log for a simulated validator, advanced by the host after each step as a real ledger is:
/// every committed block with transactions moves the head (size += transactions, root chained over block hashes).
/// Honest validators that applied the same prefix hold the same heads, so quorum-signed heads form and travel in
/// blocks under partitions, crashes and Byzantine validators, and can be checked against each log.
/// </summary>
internal sealed class SimTreeHeads : ITreeHeadSource
{
    private readonly Dictionary<ulong, TreeHead> byBlockHeight = [];

    public SimTreeHeads(IEnumerable<Block> applied)
    {
        foreach (var block in applied)
        {
            Apply(block);
        }
    }

    public TreeHead? Latest { get; private set; }

    public ulong AppliedHeight { get; private set; }

    public void Apply(Block block)
    {
        AppliedHeight = block.Height;
        if (block.Transactions.IsEmpty)
        {
            return;
        }

        var writer = new CanonicalWriter(64);
        writer.WriteHash(Latest?.RootHash ?? Hash32.Zero);
        writer.WriteHash(block.Hash);
        Latest = new TreeHead((Latest?.TreeSize ?? 0) + block.Transactions.Length, Hash32.Compute(writer.WrittenSpan), block.Height, block.Hash);
        byBlockHeight[block.Height] = Latest;
    }

    /// <summary>False if this log reached the block the head names and had another head there.</summary>
    public bool Agrees(TreeHead head) =>
        head.BlockHeight > AppliedHeight || (byBlockHeight.TryGetValue(head.BlockHeight, out var known) && known == head);
}
