using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Tests.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Application;

/// <summary>Batch-signed records: the codec, the one signature that verifies on every logged record, and the contract rules.</summary>
public sealed class RecordBatchTests
{
    private const long Now = 1_760_000_000;

    private static readonly Hash32 ChainId = Hash32.Compute("batch-chain"u8);
    private static readonly Hash32 H = Hash32.Compute("h"u8);
    private static readonly Sm2PrivateKey Agency = Key(1);
    private static readonly Sm2PrivateKey Bureau = Key(2);
    private static readonly Sm2PrivateKey Subject = Key(3);

    private readonly Sm2SignatureVerifier verifier = new();
    private readonly AuditStateMachine machine;

    public RecordBatchTests()
    {
        machine = new AuditStateMachine(ChainId, verifier, [("agency-tax", Agency.PublicKey.ToUncompressed())]);
        Ok(Agency, 0, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed()));
        Ok(Subject, 0, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed()));
        Ok(Subject, 1, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, Now - 10, Now + 86_400));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(129)]
    [InlineData(257)]
    [InlineData(1000)]
    public void TheBatchRootIsTheRfc9162RootAndEveryMemberPathLeadsToIt(int count)
    {
        var batch = Queries("q", count);
        var encodings = batch.Records.Select(Encode).ToList();
        var reference = new ReferenceMerkle(d => Sm3.HashData(d));
        Assert.Equal(reference.Mth(encodings), batch.Root.ToArray());
        // Every member of the small (ragged) trees; three of the large one, whose reference paths are slow.
        foreach (var i in count <= 64 ? Enumerable.Range(0, count) : [0, count / 2, count - 1])
        {
            var member = batch.Member(i);
            Assert.Equal(reference.Path(i, encodings).Select(p => new Hash32(p)), member.Path);
            Assert.Equal(batch.Root, member.BatchRoot());
        }
    }

    [Fact]
    public void ABatchRoundTripsAndOneSignatureVerifiesOnEachLoggedRecord()
    {
        var tx = LedgerTransaction.Sign(ChainId, Agency, 1, Queries("q", 5));
        var decoded = LedgerTransaction.Decode(tx.Encode());
        Assert.Equal(tx.Encode(), decoded.Encode());
        Assert.True(decoded.VerifySignature(ChainId, verifier));

        var batch = (RecordBatch)decoded.Payload;
        for (var i = 0; i < batch.Records.Length; i++)
        {
            var leaf = new LedgerTransaction(tx.Actor, tx.Nonce, batch.Member(i), tx.Signature).Encode();
            var logged = LedgerTransaction.Decode(leaf);
            Assert.Equal(leaf, logged.Encode());
            Assert.True(logged.VerifySignature(ChainId, verifier));
            Assert.Equal(Encode(batch.Records[i]), Encode(((BatchedRecord)logged.Payload).Record));
        }
    }

    [Fact]
    public void ATamperedLoggedRecordNoLongerVerifies()
    {
        var tx = LedgerTransaction.Sign(ChainId, Agency, 1, Queries("q", 5));
        var member = ((RecordBatch)tx.Payload).Member(2);
        var altered = member.Record is RecordQuery q ? q with { Subject = "citizen-2" } : throw new InvalidOperationException();
        var forged = new LedgerTransaction(tx.Actor, tx.Nonce, new BatchedRecord(member.Count, member.Index, member.Path, altered), tx.Signature);
        Assert.False(forged.VerifySignature(ChainId, verifier));

        var moved = new LedgerTransaction(tx.Actor, tx.Nonce, new BatchedRecord(member.Count, 3, member.Path, member.Record), tx.Signature);
        Assert.False(moved.VerifySignature(ChainId, verifier));

        // A path that does not fit its index and size is malformed, never a valid signature.
        var shortPath = new BatchedRecord(member.Count, member.Index, member.Path[..1], member.Record);
        Assert.Throws<LedgerFormatException>(() => new LedgerTransaction(tx.Actor, tx.Nonce, shortPath, tx.Signature).VerifySignature(ChainId, verifier));
    }

    [Fact]
    public void OversizedEmptyAndNestedBatchesAreRefused()
    {
        Assert.Throws<LedgerFormatException>(() => Queries("q", RecordBatch.MaxRecords + 1));
        Assert.Throws<LedgerFormatException>(() => new RecordBatch([]));
        Assert.Throws<LedgerFormatException>(() => new RecordBatch([new RegisterParticipant("x", ParticipantRole.Bureau, Key(9).PublicKey.ToUncompressed())]));
        Assert.Throws<LedgerFormatException>(() => new RecordBatch([Queries("q", 1)]));

        // The same limits hold for bytes off the wire: a count above the limit is refused before anything is read.
        var w = new CanonicalWriter();
        w.WriteByte((byte)TransactionKind.RecordBatch);
        w.WriteUInt32(RecordBatch.MaxRecords + 1);
        Assert.Throws<LedgerFormatException>(() => Decode(w.ToArray()));
        var valid = Encode(Queries("q", 3));
        Assert.Throws<LedgerFormatException>(() => Decode(valid[..^1]));
    }

    [Fact]
    public void EachRecordTakesEffectAsIfSignedAloneUnderOneNonce()
    {
        Ok(Agency, 1, new RecordQuery("q-dup", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H));
        var batch = new RecordBatch(
        [
            new RecordQuery("q-a", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H),
            new RecordQuery("q-dup", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H),
            new RecordQuery("q-b", "c1", "citizen-1", "bureau-a", ["court"], H, H, H, H),
            new RecordDenial("d-1", "bureau-a", "query", "citizen-1", "no consent", H),
        ]);
        var result = machine.Apply(LedgerTransaction.Sign(ChainId, Agency, 2, batch).Encode(), Now);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal("batch: 3 of 4 records accepted; record 1: query q-dup already recorded", result.Reason);
        Assert.Equal([true, false, true, true], result.BatchRecords.Select(o => o.Accepted));
        Assert.Equal("allowed", machine.State.Query("q-a")!.Reason);
        Assert.Equal("denied: category court is outside the consent's scope", result.BatchRecords[2].Reason);
        Assert.NotNull(machine.State.Denial("d-1"));
        Assert.Equal(3UL, machine.State.Participant("agency-tax")!.NextNonce);

        // The nonce was consumed once: replaying the batch, or reusing the nonce, fails as a whole.
        Assert.Equal("nonce 2 but the actor's next nonce is 3", machine.Apply(LedgerTransaction.Sign(ChainId, Agency, 2, batch).Encode(), Now).Reason);
    }

    [Fact]
    public void TheWrongActorGetsEveryRecordRefusedAndAnUnknownOneTheWholeBatch()
    {
        var byBureau = machine.Apply(LedgerTransaction.Sign(ChainId, Bureau, 0, Queries("qb", 3)).Encode(), Now);
        Assert.True(byBureau.Accepted);
        Assert.All(byBureau.BatchRecords, o => Assert.Equal("only an agency node records queries", o.Reason));
        Assert.Null(machine.State.Query("qb0"));

        var stranger = machine.Apply(LedgerTransaction.Sign(ChainId, Key(9), 0, Queries("qs", 2)).Encode(), Now);
        Assert.Equal((false, "actor is not a registered participant"), (stranger.Accepted, stranger.Reason));

        var forgedSignature = LedgerTransaction.Sign(ChainId, Bureau, 1, Queries("qf", 2));
        var asAgency = new LedgerTransaction(Agency.PublicKey.ToUncompressed(), 1, forgedSignature.Payload, forgedSignature.Signature);
        Assert.Equal("signature does not verify", machine.Apply(asAgency.Encode(), Now).Reason);
    }

    [Fact]
    public void ALoggedRecordCannotBeSubmitted()
    {
        var tx = LedgerTransaction.Sign(ChainId, Agency, 1, Queries("q", 2));
        var leaf = new LedgerTransaction(tx.Actor, tx.Nonce, ((RecordBatch)tx.Payload).Member(0), tx.Signature);
        var result = machine.Apply(leaf.Encode(), Now);
        Assert.Equal((false, "a batched record is logged by the ledger, never submitted"), (result.Accepted, result.Reason));
    }

    internal static RecordBatch Queries(string prefix, int count) =>
        new(Enumerable.Range(0, count).Select(i => new RecordQuery($"{prefix}{i}", "c1", "citizen-1", "bureau-a", ["tax"], H, H, H, H)));

    private static byte[] Encode(TransactionPayload payload)
    {
        var w = new CanonicalWriter();
        payload.WriteTo(w);
        return w.ToArray();
    }

    private static TransactionPayload Decode(byte[] bytes)
    {
        var r = new CanonicalReader(bytes);
        var payload = TransactionPayload.ReadFrom(ref r);
        r.EnsureEnd();
        return payload;
    }

    private void Ok(Sm2PrivateKey key, ulong nonce, TransactionPayload payload)
    {
        var result = machine.Apply(LedgerTransaction.Sign(ChainId, key, nonce, payload).Encode(), Now);
        Assert.True(result.Accepted, result.Reason);
    }

    private static Sm2PrivateKey Key(byte n)
    {
        var scalar = new byte[32];
        scalar[31] = n;
        scalar[0] = 0x33;
        return Sm2PrivateKey.FromScalar(scalar);
    }
}
