using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>
/// Trails exported from a real RocksDB store verify offline against the trust file alone, and no single-byte change
/// to an export verifies.
/// </summary>
public sealed class TrailExportTests : IDisposable
{
    private const long T0 = 1_760_000_000;

    private static readonly Sm2PrivateKey[] Validators = [Key(11), Key(12), Key(13), Key(14)];
    private static readonly Sm2PrivateKey Agency = Key(1);
    private static readonly Sm2PrivateKey Bureau = Key(2);
    private static readonly Sm2PrivateKey Subject = Key(3);

    private readonly TempDirectory dir = new();
    private readonly AuditTrustAnchor trust = new("trail-export-test", new ValidatorSet(Validators.Select(k => k.PublicKey.ToUncompressed())));
    private readonly Sm2SignatureVerifier verifier = new();
    private readonly Dictionary<Sm2PrivateKey, ulong> nonces = [];

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ACertifiedExportNeedsNoKeyAndStopsAtTheQuorumSignedHead()
    {
        TreeHead signedHead;
        using (var ledger = OpenLedger())
        {
            CommitScenario(ledger, consents: 2);
            Assert.Null(ledger.QuorumHead);
            Assert.Throws<LedgerFormatException>(() => TrailExporter.ExportCertified(ledger.Store, new TrailQuery(TrailIndex.Subject, "citizen-1")));

            // A block carries the head so far, signed by three of the four validators, and logs one more consent.
            signedHead = ledger.Head;
            var signed = SignedTreeHead.Sign(signedHead, trust.ChainId, Signers(0, 1, 3));
            var parent = ledger.Store.ReadBlock(ledger.Height);
            var height = (ulong)ledger.Height + 1;
            var block = new Block(0, height, height, T0 + (long)height, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []),
                [Tx(Subject, new GrantConsent("c-late", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400))], signed);
            Assert.All(ledger.Commit(block), r => Assert.True(r.Accepted, r.Reason));
            Assert.Equal(signedHead, ledger.QuorumHead?.Head);
        }

        using var store = LedgerStore.Open(dir.Path);
        var bundle = TrailExporter.ExportCertified(store, new TrailQuery(TrailIndex.Subject, "citizen-1")).Bundle;
        Assert.Equal(signedHead, bundle.Head.Head);
        Assert.Equal(4, bundle.Records.Length); // the late consent is logged after the signed head
        Assert.Null(AuditVerifier.Verify(AuditExport.Decode(AuditExport.Encode(bundle)), trust.ChainId, trust.Validators, verifier));
    }

    [Fact]
    public void SubjectTrailFromTheStoreVerifiesAndEveryAlteredByteFails()
    {
        using (var ledger = OpenLedger())
        {
            CommitScenario(ledger, consents: 2);
        }

        byte[] file;
        using (var store = LedgerStore.Open(dir.Path))
        {
            var bundle = TrailExporter.Export(store, new TrailQuery(TrailIndex.Subject, "citizen-1"), trust.ChainId, Signers(0, 2, 3)).Bundle;
            Assert.Equal(4, bundle.Records.Length); // registration, two consents, one query
            var actors = bundle.Records.Select(r => Convert.ToHexString(LedgerTransaction.Decode(r.Record).Actor)).ToList();
            Assert.Equal(3, actors.Count(a => a == Convert.ToHexString(Subject.PublicKey.ToUncompressed())));
            Assert.Equal(Convert.ToHexString(Agency.PublicKey.ToUncompressed()), actors[^1]); // the agency node records the query
            file = AuditExport.Encode(bundle);
        }

        Assert.Null(Verify(file));
        var random = new Random(5);
        for (var i = 0; i < file.Length; i++)
        {
            var altered = (byte[])file.Clone();
            altered[i] ^= (byte)random.Next(1, 256);
            Assert.NotNull(Verify(altered));
        }

        Assert.NotNull(Verify(file.AsSpan(0, file.Length - 1).ToArray()));
        Assert.NotNull(Verify([.. file, 0]));
    }

    [Fact]
    public void AnEarlierHeadCarriesAConsistencyProofAndAForeignOneIsRefused()
    {
        using var ledger = OpenLedger();
        CommitScenario(ledger, consents: 1);
        var earlier = TrailExporter.Export(ledger.Store, new TrailQuery(TrailIndex.Bureau, "bureau-a"), trust.ChainId, Signers(1, 2, 3)).Bundle;
        Commit(ledger, [Tx(Subject, new GrantConsent("late", "bureau-a", "loan", ["tax"], DataClassification.Important, T0, T0 + 60))]);

        var later = TrailExporter.Export(ledger.Store, new TrailQuery(TrailIndex.Bureau, "bureau-a"), trust.ChainId, Signers(0, 1, 2), earlier.Head).Bundle;
        Assert.True(later.Head.Head.TreeSize > earlier.Head.Head.TreeSize);
        Assert.Null(Verify(AuditExport.Encode(later)));
        Assert.Equal(earlier.Records.Length + 1, later.Records.Length);

        // A head over a different log of the same size is not a prefix of this one.
        var forked = new TreeHead(earlier.Head.Head.TreeSize, Hash32.Compute("fork"u8), earlier.Head.Head.BlockHeight, earlier.Head.Head.BlockHash);
        var foreign = SignedTreeHead.Sign(forked, trust.ChainId, Signers(0, 1, 2));
        Assert.Throws<LedgerFormatException>(() => TrailExporter.Export(ledger.Store, new TrailQuery(TrailIndex.Bureau, "bureau-a"), trust.ChainId, Signers(0, 1, 2), foreign));
    }

    [Fact]
    public void TooFewOrForeignSignaturesDoNotVerify()
    {
        using var ledger = OpenLedger();
        CommitScenario(ledger, consents: 1);
        var twoOfFour = TrailExporter.Export(ledger.Store, new TrailQuery(TrailIndex.Consent, "c0"), trust.ChainId, Signers(0, 1)).Bundle;
        Assert.Equal("the tree head lacks a quorum of valid validator signatures", Verify(AuditExport.Encode(twoOfFour)));

        var outsider = new Sm2ConsensusSigner(Key(99));
        var withOutsider = TrailExporter.Export(ledger.Store, new TrailQuery(TrailIndex.Consent, "c0"), trust.ChainId, [.. Signers(0, 1), (3, outsider)]).Bundle;
        Assert.NotNull(Verify(AuditExport.Encode(withOutsider)));

        var otherChain = new AuditTrustAnchor("another-chain", trust.Validators);
        var bundle = TrailExporter.Export(ledger.Store, new TrailQuery(TrailIndex.Consent, "c0"), trust.ChainId, Signers(0, 1, 2)).Bundle;
        Assert.NotNull(AuditVerifier.Verify(bundle, otherChain.ChainId, otherChain.Validators, verifier));
    }

    [Fact]
    public void TrustFilesHaveOneSpelling()
    {
        var text = trust.Format();
        var parsed = AuditTrustAnchor.Parse(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(trust.ChainId, parsed.ChainId);
        Assert.Equal(4, parsed.Validators.Count);

        string[] bad =
        [
            text.TrimEnd('\n'),
            text.Replace("\n", "\r\n", StringComparison.Ordinal),
            text.ToUpperInvariant(),
            text.Replace("govchain-trust v1", "govchain-trust v2", StringComparison.Ordinal),
            text + "validator " + Convert.ToHexStringLower(Validators[0].PublicKey.ToUncompressed()) + "\n",
            text + "validator 0\n",
            text + "\n",
            text.Replace("chain trail", "chain  trail", StringComparison.Ordinal),
            "govchain-trust v1\nchain x\n",
            string.Empty,
        ];
        foreach (var b in bad)
        {
            Assert.Throws<LedgerFormatException>(() => AuditTrustAnchor.Parse(System.Text.Encoding.UTF8.GetBytes(b)));
        }

        Assert.Throws<LedgerFormatException>(() => AuditTrustAnchor.Parse([0xff, 0xfe, (byte)'\n']));
    }

    private string? Verify(byte[] file)
    {
        try
        {
            return AuditVerifier.Verify(AuditExport.Decode(file), trust.ChainId, trust.Validators, verifier);
        }
        catch (LedgerFormatException e)
        {
            return "malformed: " + e.Message;
        }
    }

    private CommittedLedger OpenLedger() =>
        CommittedLedger.Open(dir.Path, trust.Genesis, verifier, [("agency", Agency.PublicKey.ToUncompressed())]);

    private static List<(ushort, IConsensusSigner)> Signers(params int[] indexes) =>
        [.. indexes.Select(i => ((ushort)i, (IConsensusSigner)new Sm2ConsensusSigner(Validators[i])))];

    private void CommitScenario(CommittedLedger ledger, int consents)
    {
        Commit(ledger,
        [
            Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed())),
            Tx(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())),
        ]);
        for (var c = 0; c < consents; c++)
        {
            Commit(ledger, [Tx(Subject, new GrantConsent($"c{c}", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400))]);
        }

        var h = Hash32.Compute("q"u8);
        Commit(ledger, [Tx(Agency, new RecordQuery("q0", "c0", "citizen-1", "bureau-a", ["tax"], h, h, h, h))]);
    }

    private byte[] Tx(Sm2PrivateKey key, TransactionPayload payload)
    {
        var nonce = nonces.GetValueOrDefault(key);
        nonces[key] = nonce + 1;
        return LedgerTransaction.Sign(trust.ChainId, key, nonce, payload).Encode();
    }

    private static void Commit(CommittedLedger ledger, byte[][] txs)
    {
        var parent = ledger.Store.ReadBlock(ledger.Height);
        var height = (ulong)ledger.Height + 1;
        var results = ledger.Commit(new Block(0, height, height, T0 + (long)height, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []), [.. txs]));
        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
    }

    private static Sm2PrivateKey Key(byte n)
    {
        var scalar = new byte[32];
        scalar[31] = n;
        scalar[0] = 0x33;
        return Sm2PrivateKey.FromScalar(scalar);
    }
}
