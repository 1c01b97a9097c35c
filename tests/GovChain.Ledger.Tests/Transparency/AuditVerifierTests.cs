using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Tests.Consensus;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>The offline audit check: quorum-signed heads, included records, and an append-only log between heads.</summary>
public sealed class AuditVerifierTests
{
    private readonly ConsensusFixture fixture = new();

    [Fact]
    public void AnHonestBundleVerifiesAndSurvivesEncoding()
    {
        var (tree, _) = Log(30);
        var bundle = Bundle(tree, [3, 17, 29], earlierSize: 12);
        Assert.Null(Verify(bundle));
        Assert.Null(Verify(AuditBundle.Decode(bundle.Encode())));
    }

    [Fact]
    public void EveryKindOfTamperingIsCaughtWithItsReason()
    {
        var (tree, _) = Log(30);
        var bundle = Bundle(tree, [3, 17], earlierSize: 12);

        var tamperedRecord = bundle.Records[1] with { Record = [.. bundle.Records[1].Record, 0] };
        Assert.Equal("record 1 (leaf 17) is not included under the tree head", Verify(bundle with { Records = bundle.Records.SetItem(1, tamperedRecord) }));

        var staleProof = bundle.Records[0] with { Proof = tree.InclusionProof(3, 20) };
        Assert.Equal("record 0 (leaf 3) is not included under the tree head", Verify(bundle with { Records = bundle.Records.SetItem(0, staleProof) }));

        var underSigned = new SignedTreeHead(bundle.Head.Head, bundle.Head.Signatures.RemoveAt(0));
        Assert.Equal("the tree head lacks a quorum of valid validator signatures", Verify(bundle with { Head = underSigned }));
        Assert.Equal("the tree head lacks a quorum of valid validator signatures", AuditVerifier.Verify(bundle, Hash32.Zero, fixture.Validators, fixture.Keys));

        // A log that rewrote record 5 after the earlier head was published.
        var (forked, _) = Log(30, rewrite: 5);
        var forkedBundle = Bundle(forked, [17], earlierSize: 12) with { EarlierHead = bundle.EarlierHead };
        Assert.Equal("the earlier tree head is not a prefix of the current one: the log was rewritten", Verify(forkedBundle));

        var encoded = bundle.Encode();
        Assert.Throws<LedgerFormatException>(() => AuditBundle.Decode(encoded.AsSpan(0, encoded.Length - 3)));
    }

    private string? Verify(AuditBundle bundle) => AuditVerifier.Verify(bundle, fixture.Genesis.ChainId, fixture.Validators, fixture.Keys);

    private static (MerkleTree Tree, List<byte[]> Records) Log(int size, int rewrite = -1)
    {
        var tree = new MerkleTree();
        var records = new List<byte[]>();
        for (var i = 0; i < size; i++)
        {
            byte[] record = [.. System.Text.Encoding.UTF8.GetBytes($"record-{i}"), (byte)(i == rewrite ? 1 : 0)];
            records.Add(record);
            tree.Append(record);
        }

        return (tree, records);
    }

    private AuditBundle Bundle(MerkleTree tree, int[] leaves, int earlierSize)
    {
        var records = leaves.Select(i => new AuditedRecord([.. System.Text.Encoding.UTF8.GetBytes($"record-{i}"), 0], tree.InclusionProof(i, tree.Size))).ToList();
        return new AuditBundle(Sign(tree, tree.Size), [.. records], Sign(tree, earlierSize), tree.ConsistencyProof(earlierSize, tree.Size));
    }

    private SignedTreeHead Sign(MerkleTree tree, long size)
    {
        var head = new TreeHead(size, tree.RootAt(size), (ulong)size, Hash32.Compute(BitConverter.GetBytes(size)));
        var payload = head.SigningPayload(fixture.Genesis.ChainId);
        return new SignedTreeHead(head, [.. new[] { 0, 1, 3 }.Select(i => new ValidatorSignature((ushort)i, fixture.Keys.SignerFor(i).Sign(payload)))]);
    }
}
