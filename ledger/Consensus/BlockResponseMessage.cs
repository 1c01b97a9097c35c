using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>A requested block followed by its ancestors, child first. Hashes authenticate them, not the sender.</summary>
public sealed class BlockResponseMessage(ImmutableArray<Block> blocks) : ConsensusMessage
{
    public ImmutableArray<Block> Blocks { get; } = blocks;

    internal override MessageKind Kind => MessageKind.BlockResponse;

    private protected override int BlockBytes => Blocks.Sum(block => block.Encode().Length);

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt32((uint)Blocks.Length);
        foreach (var block in Blocks)
        {
            block.WriteTo(writer);
        }
    }

    internal static BlockResponseMessage ReadBody(ref CanonicalReader reader)
    {
        var count = reader.ReadCount(MaxBlocksPerResponse);
        var builder = ImmutableArray.CreateBuilder<Block>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(Block.ReadFrom(ref reader));
        }

        return new BlockResponseMessage(builder.MoveToImmutable());
    }
}
