using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>
/// Tree heads signed through consensus: votes carry the voter's head signature, the next leader puts a head that 2f+1
/// signed into its block, and a block whose head lacks a quorum of valid signatures gets no vote.
/// </summary>
public sealed class SignedHeadTests
{
    private static readonly TreeHead Head = new(7, Hash32.Compute("root"u8), 0, Hash32.Compute("genesis"u8));

    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void TheNextLeaderProposesAHeadThatAQuorumSignedWithTheirVotes()
    {
        var nodes = Enumerable.Range(0, 4).Select(i => fixture.Node(i, heads: new FixedHead(Head))).ToArray();
        nodes[1].Submit("first"u8.ToArray());
        nodes[1].Tick(1);
        var proposal = nodes[1].DrainOutbox().Select(o => o.Message).OfType<ProposalMessage>().First();
        Assert.Null(proposal.Block.CertifiedHead);

        var votes = new List<VoteMessage>();
        foreach (var i in new[] { 0, 2, 3 })
        {
            nodes[i].Receive(1, proposal.Encode());
            votes.AddRange(nodes[i].DrainOutbox().Select(o => o.Message).OfType<VoteMessage>());
        }

        Assert.All(votes, v => Assert.Equal(Head, v.Head?.Head));

        // Validator 2 leads round 2: the votes of 0 and 3 with its own complete a certificate and a head quorum.
        foreach (var vote in votes.Where(v => v.Voter != 2))
        {
            nodes[2].Receive(vote.Voter, vote.Encode());
        }

        var next = nodes[2].DrainOutbox().Select(o => o.Message).OfType<ProposalMessage>().Single();
        var signed = next.Block.CertifiedHead;
        Assert.NotNull(signed);
        Assert.Equal(Head, signed.Head);
        Assert.True(signed.Signatures.Length >= fixture.Validators.Quorum);
        Assert.True(signed.Verify(fixture.Genesis.ChainId, fixture.Validators, fixture.Keys));

        // A validator that knows the parent votes for it.
        nodes[3].Receive(2, next.Encode());
        Assert.Contains(nodes[3].DrainOutbox().Select(o => o.Message).OfType<VoteMessage>(), v => v.BlockHash == next.Block.Hash);
    }

    [Fact]
    public void ABlockWhoseHeadLacksAQuorumOfValidSignaturesGetsNoVote()
    {
        var honest = fixture.FirstProposal(out _);
        Assert.True(VotesFor(WithHead(honest, Sign(0, 1, 3)), null));
        Assert.False(VotesFor(WithHead(honest, Sign(0, 3)), null));
        var forged = Sign(0, 1, 3);
        var tampered = new SignedTreeHead(forged.Head with { TreeSize = 8 }, forged.Signatures);
        Assert.False(VotesFor(WithHead(honest, tampered), null));
        var badSignature = forged.Signatures.SetItem(1, forged.Signatures[1] with { Signature = [.. forged.Signatures[1].Signature.Reverse()] });
        Assert.False(VotesFor(WithHead(honest, new SignedTreeHead(Head, badSignature)), null));
    }

    [Fact]
    public void AVoteWithABadHeadSignatureStillCountsButItsHeadIsDropped()
    {
        var proposal = fixture.FirstProposal(out _);
        var leader2 = fixture.Node(2, heads: new FixedHead(Head));
        leader2.Receive(1, proposal.Encode());
        leader2.DrainOutbox();
        foreach (var voter in new[] { 0, 3 })
        {
            var payload = SigningPayloads.Vote(fixture.Genesis.ChainId, 0, 1, proposal.Block.Hash);
            var attestation = new HeadAttestation(Head, voter == 3 ? [1, 2, 3] : fixture.Keys.SignerFor(voter).Sign(Head.SigningPayload(fixture.Genesis.ChainId)));
            leader2.Receive(voter, new VoteMessage(0, 1, proposal.Block.Hash, (ushort)voter, fixture.Keys.SignerFor(voter).Sign(payload), attestation).Encode());
        }

        Assert.Contains(leader2.DrainRejections(), r => r.Reason == "tree-head signature of validator 3 does not verify");
        var next = Assert.Single(leader2.DrainOutbox().Select(o => o.Message).OfType<ProposalMessage>()); // the certificate formed
        Assert.Null(next.Block.CertifiedHead); // two valid head signatures are no quorum
    }

    private SignedTreeHead Sign(params int[] signers) =>
        SignedTreeHead.Sign(Head, fixture.Genesis.ChainId, signers.Select(i => ((ushort)i, fixture.Keys.SignerFor(i))));

    private ProposalMessage WithHead(ProposalMessage proposal, SignedTreeHead head)
    {
        var b = proposal.Block;
        return fixture.Sign(new Block(b.Epoch, b.Round, b.Height, b.Timestamp, b.Proposer, b.Justify, b.Transactions, head), b.Proposer);
    }

    private bool VotesFor(ProposalMessage proposal, ITreeHeadSource? heads)
    {
        var node = fixture.Node(proposal.Block.Proposer == 3 ? 0 : 3, heads: heads);
        node.Receive(proposal.Block.Proposer, proposal.Encode());
        return node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>().Any(v => v.BlockHash == proposal.Block.Hash);
    }

    private sealed class FixedHead(TreeHead head) : ITreeHeadSource
    {
        public TreeHead? Latest => head;
    }
}
