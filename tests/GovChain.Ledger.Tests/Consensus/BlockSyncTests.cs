using GovChain.Ledger.Consensus;
using Xunit;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>
/// Block requests are answered within a byte limit per response (so the answer fits a peer frame) and a budget per
/// peer per tick (so a peer cannot make a validator read and decode old blocks from its store without limit).
/// </summary>
public sealed class BlockSyncTests
{
    private const int TransactionBytes = 500_000;

    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void ResponsesStopAtTheByteLimitAndAPeerOverItsBudgetWaitsForTheNextTick()
    {
        var chain = new List<Block> { fixture.Genesis.Block };
        for (var h = 1UL; h <= 6; h++)
        {
            var parent = chain[^1];
            chain.Add(new Block(0, h, h, 1_760_000_000 + (long)h, (ushort)(h % 4), new QuorumCertificate(0, parent.Round, parent.Hash, []),
                [new byte[TransactionBytes], Enumerable.Repeat((byte)h, TransactionBytes).ToArray()]));
        }

        var node = fixture.Node(0, new PersistedConsensusState(chain, null, [], []));
        node.DrainOutbox();
        var request = new BlockRequestMessage(0, chain[^1].Hash, 0).Encode();

        // 4 MiB a tick: four blocks of ≈ 1 MB, newest first, then a single block for the budget's remainder.
        Assert.Equal([6UL, 5, 4, 3], Answer(node, request));
        Assert.Equal([6UL], Answer(node, request));
        Assert.Empty(Answer(node, request));
        Assert.Contains(node.DrainRejections(), r => r.FromPeer == 1 && r.Reason.Contains("block-sync budget", StringComparison.Ordinal));

        node.Tick(1_760_000_100);
        node.DrainOutbox();
        Assert.Equal([6UL, 5, 4, 3], Answer(node, request));
    }

    private static List<ulong> Answer(ConsensusNode node, byte[] request)
    {
        node.Receive(1, request);
        var responses = node.DrainOutbox().Where(o => o.To == 1).Select(o => o.Message).OfType<BlockResponseMessage>().ToList();
        Assert.All(responses, r => Assert.True(r.Encode().Length < 16 * 1024 * 1024));
        return [.. responses.SelectMany(r => r.Blocks).Select(b => b.Height)];
    }
}
