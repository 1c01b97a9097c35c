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
/// Records from a signed batch in a real RocksDB store: one leaf per accepted record, indexed per record, exported
/// and verified offline (inclusion and the agency's batch signature), surviving a reopen; tampering is caught.
/// </summary>
public sealed class BatchTrailTests : IDisposable
{
    private const long T0 = 1_760_000_000;

    private static readonly Sm2PrivateKey[] Validators = [Key(11), Key(12), Key(13), Key(14)];
    private static readonly Sm2PrivateKey Agency = Key(1);
    private static readonly Sm2PrivateKey Bureau = Key(2);
    private static readonly Sm2PrivateKey Subject = Key(3);
    private static readonly Sm2PrivateKey Subject2 = Key(4);
    private static readonly Hash32 H = Hash32.Compute("h"u8);

    private readonly TempDirectory dir = new();
    private readonly AuditTrustAnchor trust = new("batch-trail-test", new ValidatorSet(Validators.Select(k => k.PublicKey.ToUncompressed())));
    private readonly Sm2SignatureVerifier verifier = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void EachAcceptedRecordIsItsOwnIndexedLeafAndVerifiesOffline()
    {
        Hash32 root;
        TreeHead head;
        using (var ledger = OpenLedger())
        {
            Commit(ledger,
            [
                Tx(Agency, 0, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed())),
                Tx(Subject, 0, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())),
                Tx(Subject2, 0, new RegisterParticipant("citizen-2", ParticipantRole.Subject, Subject2.PublicKey.ToUncompressed())),
                Tx(Subject, 1, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)),
            ]);
            var sizeBefore = ledger.Log.Size;
            var batch = new RecordBatch(
            [
                new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H),
                new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H), // duplicate: refused, not logged
                new RecordQuery("q2", "c-none", "citizen-2", "bureau-a", ["tax"], H, H, H, H),
                new RecordDenial("d1", "bureau-a", "query", "citizen-1", "outside consent", H),
            ]);
            var results = Commit(ledger, [Tx(Agency, 1, batch)]);
            Assert.Equal("batch: 3 of 4 records accepted; record 1: query q1 already recorded", results[0].Reason);
            Assert.Equal(sizeBefore + 3, ledger.Log.Size);

            // The transaction record points at the batch's first leaf.
            var reader = new CanonicalReader(ledger.Store.ReadTransactionRecord(results[0].TransactionId));
            _ = reader.ReadUInt64();
            _ = reader.ReadUInt32();
            Assert.Equal(sizeBefore, reader.ReadInt64());

            Assert.Equal(4, ledger.Trail(TrailIndex.Subject, "citizen-1").Count); // registration, consent, q1, d1
            Assert.Equal(2, ledger.Trail(TrailIndex.Subject, "citizen-2").Count); // registration, q2
            Assert.Equal(2, ledger.Trail(TrailIndex.Consent, "c1").Count);
            Assert.Single(ledger.Trail(TrailIndex.Consent, "c-none"));
            Assert.Equal(3, ledger.Trail(TrailIndex.Time, TrailQuery.FormatInterval(DateTimeOffset.FromUnixTimeSeconds(T0 + 2), DateTimeOffset.FromUnixTimeSeconds(T0 + 3))).Count);
            root = ledger.Machine.State.ComputeRoot();
            head = ledger.Head;
        }

        using (var reopened = OpenLedger())
        {
            Assert.Equal(root, reopened.Machine.State.ComputeRoot());
            Assert.Equal(head, reopened.Head);
        }

        byte[] file;
        using (var store = LedgerStore.Open(dir.Path))
        {
            var bundle = TrailExporter.Export(store, new TrailQuery(TrailIndex.Subject, "citizen-1"), trust.ChainId, Signers(0, 1, 3)).Bundle;
            var q1 = LedgerTransaction.Decode(bundle.Records[2].Record);
            Assert.Equal("q1", ((RecordQuery)((BatchedRecord)q1.Payload).Record).QueryId);
            Assert.Equal(Agency.PublicKey.ToUncompressed(), q1.Actor);
            file = AuditExport.Encode(bundle);
        }

        Assert.Null(Verify(file));
        var random = new Random(7);
        for (var i = 0; i < file.Length; i += 3)
        {
            var altered = (byte[])file.Clone();
            altered[i] ^= (byte)random.Next(1, 256);
            Assert.NotNull(Verify(altered));
        }
    }

    [Fact]
    public void AnIncludedRecordWhoseBatchSignatureFailsIsReported()
    {
        // A log that holds a batched record whose signature is not the agency's: inclusion holds, the signature does not.
        var batch = new RecordBatch([new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H)]);
        var signed = LedgerTransaction.Sign(trust.ChainId, Agency, 1, batch);
        var forged = new LedgerTransaction(Subject.PublicKey.ToUncompressed(), 1, batch.Member(0), signed.Signature).Encode();
        var log = new MerkleTree();
        log.Append(forged);
        var head = new TreeHead(1, log.Root, 1, Hash32.Zero);
        var bundle = new AuditBundle(SignedTreeHead.Sign(head, trust.ChainId, Signers(0, 1, 2)), [new AuditedRecord(forged, log.InclusionProof(0, 1))], null, null);
        Assert.Equal("record 0 (leaf 0) carries an actor signature that does not verify", AuditVerifier.Verify(bundle, trust.ChainId, trust.Validators, verifier));
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

    private byte[] Tx(Sm2PrivateKey key, ulong nonce, TransactionPayload payload) => LedgerTransaction.Sign(trust.ChainId, key, nonce, payload).Encode();

    private static IReadOnlyList<TransactionResult> Commit(CommittedLedger ledger, byte[][] txs)
    {
        var parent = ledger.Store.ReadBlock(ledger.Height);
        var height = (ulong)ledger.Height + 1;
        var results = ledger.Commit(new Block(0, height, height, T0 + (long)height, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []), [.. txs]));
        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
        return results;
    }

    private static Sm2PrivateKey Key(byte n)
    {
        var scalar = new byte[32];
        scalar[31] = n;
        scalar[0] = 0x44;
        return Sm2PrivateKey.FromScalar(scalar);
    }
}
