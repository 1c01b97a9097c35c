using GovChain.Ledger.Consensus;
using Xunit;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>The safety rules a single validator enforces, including across a restart from its persisted state.</summary>
public sealed class VotingRuleTests
{
    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void VotesOnceForTheLeadersProposal()
    {
        var proposal = fixture.FirstProposal(out _);
        var node = fixture.Node(2);
        node.Receive(1, proposal.Encode());
        var vote = Assert.Single(node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>());
        Assert.Equal((1UL, proposal.Block.Hash), (vote.Round, vote.BlockHash));
        Assert.True(fixture.Keys.Verify(fixture.Validators.PublicKeys[2], SigningPayloads.Vote(fixture.Genesis.ChainId, 0, 1, proposal.Block.Hash), vote.Signature));

        // An equivocating second block for the same round, properly signed by the leader, gets no vote.
        var other = new Block(0, 1, 1, 0, 1, proposal.Block.Justify, ["other"u8.ToArray()]);
        node.Receive(1, fixture.Sign(other, 1).Encode());
        Assert.Empty(node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>());
    }

    [Fact]
    public void ARestartedValidatorDoesNotVoteAgainInTheSameRound()
    {
        var proposal = fixture.FirstProposal(out _);
        var node = fixture.Node(2);
        node.Receive(1, proposal.Encode());
        Assert.Single(node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>());

        var persisted = new PersistedConsensusState(node.RecentCommittedBlocks.ToList(), node.Safety, node.UncommittedBlocks.ToList(), []);
        var restarted = fixture.Node(2, persisted);
        restarted.DrainOutbox();
        var other = new Block(0, 1, 1, 0, 1, proposal.Block.Justify, ["after restart"u8.ToArray()]);
        restarted.Receive(1, fixture.Sign(other, 1).Encode());
        restarted.Receive(1, proposal.Encode());
        Assert.Empty(restarted.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>());
    }

    [Fact]
    public void ProposalsFromTheWrongLeaderOrWithBadSignaturesAreRejectedWithReasons()
    {
        var proposal = fixture.FirstProposal(out _);
        var node = fixture.Node(2);

        var wrongLeader = new Block(0, 1, 1, 0, 3, proposal.Block.Justify, []);
        node.Receive(3, fixture.Sign(wrongLeader, 3).Encode());
        var forged = new ProposalMessage(proposal.Block, null, fixture.Keys.SignerFor(3).Sign(SigningPayloads.Proposal(fixture.Genesis.ChainId, 0, proposal.Block.Hash)));
        node.Receive(3, forged.Encode());

        Assert.Empty(node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>());
        var reasons = node.DrainRejections().Select(r => r.Reason).ToList();
        Assert.Contains(reasons, r => r.Contains("does not lead", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("signature does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public void ACertificateWithTooFewOrRepeatedSignaturesIsRejected()
    {
        var proposal = fixture.FirstProposal(out _);
        var hash = proposal.Block.Hash;
        var payload = SigningPayloads.Vote(fixture.Genesis.ChainId, 0, 1, hash);
        ValidatorSignature Sig(int i) => new((ushort)i, fixture.Keys.SignerFor(i).Sign(payload));
        var chainId = fixture.Genesis.ChainId;
        var root = fixture.Genesis.Block.Hash;

        Assert.True(new QuorumCertificate(0, 1, hash, [Sig(0), Sig(1), Sig(2)]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(0, 1, hash, [Sig(0), Sig(1)]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(0, 1, hash, [Sig(0), Sig(1), Sig(1)]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(0, 1, hash, [Sig(2), Sig(1), Sig(0)]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(0, 1, hash, [Sig(0), Sig(1), new ValidatorSignature(2, Sig(3).Signature)]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(0, 1, hash, [Sig(0), Sig(1), Sig(2), new ValidatorSignature(9, [1])]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(1, 1, hash, [Sig(0), Sig(1), Sig(2)]).IsValid(chainId, 1, root, fixture.Validators, fixture.Keys));
        Assert.False(new QuorumCertificate(0, 2, hash, [Sig(0), Sig(1), Sig(2)]).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.True(QuorumCertificate.Root(0, root).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
        Assert.False(QuorumCertificate.Root(0, hash).IsValid(chainId, 0, root, fixture.Validators, fixture.Keys));
    }
}

/// <summary>What a Byzantine validator can make an honest node hold stays bounded.</summary>
public sealed class HostilePeerTests
{
    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void AFloodOfValidlySignedVotesForManyBlocksIsBounded()
    {
        var node = fixture.Node(0);
        var byzantine = fixture.Keys.SignerFor(3);
        var random = new Random(5);
        for (var i = 0; i < 5000; i++)
        {
            var round = (ulong)random.Next(1, 50);
            var hash = GovChain.Ledger.Codec.Hash32.Compute(BitConverter.GetBytes(i));
            var signature = byzantine.Sign(SigningPayloads.Vote(fixture.Genesis.ChainId, 0, round, hash));
            node.Receive(3, new VoteMessage(0, round, hash, 3, signature).Encode());
        }

        // At most one vote per (round, validator) is kept.
        Assert.True(node.BufferedVotes <= 49, $"{node.BufferedVotes} votes buffered");
        Assert.Empty(node.DrainRejections());
    }
}
