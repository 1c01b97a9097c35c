using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Tests.Consensus;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>A tree head is trusted only with 2f+1 distinct validator signatures over exactly its fields and chain.</summary>
public sealed class SignedTreeHeadTests
{
    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void NeedsAQuorumOfValidSignaturesOverItsExactFields()
    {
        var chainId = fixture.Genesis.ChainId;
        var head = new TreeHead(42, Hash32.Compute("root"u8), 7, Hash32.Compute("block"u8));
        ValidatorSignature Sig(int i, TreeHead h) => new((ushort)i, fixture.Keys.SignerFor(i).Sign(h.SigningPayload(chainId)));

        var signed = new SignedTreeHead(head, [Sig(0, head), Sig(2, head), Sig(3, head)]);
        Assert.True(signed.Verify(chainId, fixture.Validators, fixture.Keys));
        Assert.True(SignedTreeHead.Decode(signed.Encode()).Verify(chainId, fixture.Validators, fixture.Keys));

        Assert.False(new SignedTreeHead(head, [Sig(0, head), Sig(2, head)]).Verify(chainId, fixture.Validators, fixture.Keys));
        Assert.False(new SignedTreeHead(head, [Sig(0, head), Sig(0, head), Sig(2, head)]).Verify(chainId, fixture.Validators, fixture.Keys));
        Assert.False(new SignedTreeHead(head with { TreeSize = 43 }, signed.Signatures).Verify(chainId, fixture.Validators, fixture.Keys));
        Assert.False(new SignedTreeHead(head with { RootHash = Hash32.Zero }, signed.Signatures).Verify(chainId, fixture.Validators, fixture.Keys));
        Assert.False(signed.Verify(Hash32.Zero, fixture.Validators, fixture.Keys));

        var bytes = signed.Encode();
        Assert.Throws<LedgerFormatException>(() => SignedTreeHead.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }
}
