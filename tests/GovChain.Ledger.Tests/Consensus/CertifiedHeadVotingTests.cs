using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>A block's tree head gets a validator's vote only if that validator's own log reached exactly that head.</summary>
public sealed class CertifiedHeadVotingTests
{
    private static readonly TreeHead Reached = new(7, Hash32.Compute("root"u8), 3, Hash32.Compute("block 3"u8));

    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void TheLeaderProposesItsHeadAndOnlyValidatorsThatReachedItVote()
    {
        var proposal = fixture.FirstProposal(out _, new Heads(Reached, Reached));
        Assert.Equal(Reached, proposal.Block.CertifiedHead);

        Assert.True(VotesFor(proposal, new Heads(Reached, Reached)));
        Assert.True(VotesFor(proposal, new Heads(Reached with { BlockHeight = 9 }, Reached, Reached with { BlockHeight = 9 })));
        Assert.False(VotesFor(proposal, new Heads(null)));
        Assert.False(VotesFor(proposal, new Heads(Reached with { TreeSize = 8 }, Reached with { TreeSize = 8 })));
        Assert.False(VotesFor(proposal, null));
    }

    [Fact]
    public void AForgedHeadGetsNoHonestVote()
    {
        var honest = fixture.FirstProposal(out _, new Heads(Reached, Reached));
        var forgedHead = Reached with { RootHash = Hash32.Compute("rewritten"u8) };
        var forged = new Block(honest.Block.Epoch, honest.Block.Round, honest.Block.Height, honest.Block.Timestamp, honest.Block.Proposer, honest.Block.Justify, honest.Block.Transactions, forgedHead);
        Assert.NotEqual(honest.Block.Hash, forged.Hash);
        Assert.False(VotesFor(fixture.Sign(forged, 1), new Heads(Reached, Reached)));
    }

    [Fact]
    public void WithoutALogBlocksNameNoHeadAndVotingIsUnchanged()
    {
        var proposal = fixture.FirstProposal(out _);
        Assert.Null(proposal.Block.CertifiedHead);
        Assert.True(VotesFor(proposal, null));
        Assert.True(VotesFor(proposal, new Heads(Reached, Reached)));
    }

    private bool VotesFor(ProposalMessage proposal, ITreeHeadSource? heads)
    {
        var node = fixture.Node(2, heads: heads);
        node.Receive(1, proposal.Encode());
        return node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>().Any(v => v.BlockHash == proposal.Block.Hash);
    }

    private sealed class Heads(TreeHead? latest, params TreeHead[] reached) : ITreeHeadSource
    {
        public TreeHead? Latest => latest;

        public bool Reached(TreeHead head) => reached.Contains(head);
    }
}
