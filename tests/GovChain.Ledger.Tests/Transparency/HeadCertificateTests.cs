using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Tests.Consensus;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>A tree head vouched for by a block's quorum certificate, checked offline from the header alone.</summary>
public sealed class HeadCertificateTests
{
    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void AQuorumCertificateOnABlockNamingTheHeadCertifiesIt()
    {
        var (tree, head) = Log(25);
        var (block, certificate) = Certify(head, [0, 2, 3]);
        Assert.Equal(head, certificate.CertifiedHead);
        Assert.Null(certificate.Verify(head, ChainId, fixture.Validators, fixture.Keys));
        Assert.Null(HeadCertificate.Decode(certificate.Encode()).Verify(head, ChainId, fixture.Validators, fixture.Keys));
        Assert.Equal(block.Hash, Block.ComputeHash(block.Header, (uint)block.Transactions.Length, block.TransactionsRoot));

        // One validator's signature is no quorum, but with the certificate the bundle needs nothing else.
        var records = new[] { 4, 24 }.Select(i => new AuditedRecord(Record(i), tree.InclusionProof(i, tree.Size))).ToImmutableArray();
        var single = SignedTreeHead.Sign(head, ChainId, [(1, fixture.Keys.SignerFor(1))]);
        var bundle = new AuditBundle(single, records, null, null, certificate);
        Assert.Null(AuditVerifier.Verify(AuditBundle.Decode(bundle.Encode()), ChainId, fixture.Validators, fixture.Keys));
        Assert.Equal("the tree head lacks a quorum of valid validator signatures", AuditVerifier.Verify(bundle with { Certificate = null }, ChainId, fixture.Validators, fixture.Keys));
    }

    [Fact]
    public void EveryForgeryIsRejectedWithItsReason()
    {
        var (_, head) = Log(25);
        var (block, certificate) = Certify(head, [0, 2, 3]);
        string? Check(HeadCertificate c, TreeHead h) => c.Verify(h, ChainId, fixture.Validators, fixture.Keys);

        Assert.Equal("the certified block names another tree head", Check(certificate, head with { TreeSize = 24 }));
        Assert.Equal("the certificate's block header does not hash to the certified block",
            Check(new HeadCertificate(block.Header, certificate.TransactionCount + 1, certificate.TransactionsRoot, certificate.Quorum), head));
        Assert.Equal("the certificate's block header does not hash to the certified block",
            Check(new HeadCertificate(block.Header, certificate.TransactionCount, Hash32.Compute("other transactions"u8), certificate.Quorum), head));

        const string NoQuorum = "the block certificate lacks a quorum of valid vote signatures";
        Assert.Equal(NoQuorum, Certify(head, [0, 2]).Certificate.Verify(head, ChainId, fixture.Validators, fixture.Keys));
        var tampered = certificate.Quorum.Signatures.SetItem(1, certificate.Quorum.Signatures[1] with { Signature = [.. certificate.Quorum.Signatures[1].Signature.Reverse()] });
        Assert.Equal(NoQuorum, Check(new HeadCertificate(block.Header, certificate.TransactionCount, certificate.TransactionsRoot, Quorum(block, tampered)), head));
        Assert.Equal(NoQuorum, Check(new HeadCertificate(block.Header, certificate.TransactionCount, certificate.TransactionsRoot, QuorumCertificate.Root(0, block.Hash)), head));
        Assert.Equal(NoQuorum, AuditVerifier.Verify(
            new AuditBundle(SignedTreeHead.Sign(head, ChainId, [(1, fixture.Keys.SignerFor(1))]), [], null, null, Certify(head, [1]).Certificate), ChainId, fixture.Validators, fixture.Keys));

        // A header that names no head, and truncated or padded encodings, are malformed input.
        var plain = new Block(0, 4, 4, 100, 0, null, []);
        Assert.Throws<LedgerFormatException>(() => new HeadCertificate(plain.Header, 0, plain.TransactionsRoot, certificate.Quorum));
        var encoded = certificate.Encode();
        Assert.Throws<LedgerFormatException>(() => HeadCertificate.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.Throws<LedgerFormatException>(() => HeadCertificate.Decode([.. encoded, 0]));
    }

    private Hash32 ChainId => fixture.Genesis.ChainId;

    private static byte[] Record(int i) => System.Text.Encoding.UTF8.GetBytes($"record-{i}");

    private static (MerkleTree Tree, TreeHead Head) Log(int size)
    {
        var tree = new MerkleTree();
        for (var i = 0; i < size; i++)
        {
            tree.Append(Record(i));
        }

        return (tree, new TreeHead(size, tree.Root, 3, Hash32.Compute("block 3"u8)));
    }

    private (Block Block, HeadCertificate Certificate) Certify(TreeHead head, int[] signers)
    {
        var block = new Block(0, 5, 5, 100, 1, new QuorumCertificate(0, 4, Hash32.Compute("parent"u8), []), ["tx"u8.ToArray()], head);
        var payload = SigningPayloads.Vote(ChainId, 0, block.Round, block.Hash);
        var signatures = signers.Select(i => new ValidatorSignature((ushort)i, fixture.Keys.SignerFor(i).Sign(payload))).ToImmutableArray();
        return (block, new HeadCertificate(block.Header, (uint)block.Transactions.Length, block.TransactionsRoot, Quorum(block, signatures)));
    }

    private static QuorumCertificate Quorum(Block block, ImmutableArray<ValidatorSignature> signatures) => new(block.Epoch, block.Round, block.Hash, signatures);
}
