using System.Collections.Immutable;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.TestSupport;
using Xunit;
using static GovChain.Ledger.Tests.Storage.StoreFixture;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>
/// That no record was left out of a trail page: how a page gathered from four validators is merged (only 2f+1 answers
/// with the same head, the same records and correct signatures of their own validators count, so one faulty validator
/// can neither drop a record nor spoil the merged head), and what an auditor checks offline of the validators'
/// completeness statement.
/// </summary>
public sealed class TrailCompletenessTests : IDisposable
{
    private static readonly Sm2PrivateKey[] ValidatorKeys = [Key(21), Key(22), Key(23), Key(24)];
    private static readonly ValidatorSet Validators = new(ValidatorKeys.Select(k => k.PublicKey.ToUncompressed()));

    private readonly TempDirectory dir = new();
    private readonly CommittedLedger ledger;
    private readonly List<(long Leaf, byte[] Record, InclusionProof Proof)> records;

    private static TrailQuery Query => new(TrailIndex.Time, TrailQuery.FormatInterval(DateTimeOffset.FromUnixTimeSeconds(T0), DateTimeOffset.FromUnixTimeSeconds(T0 + 1)));

    public TrailCompletenessTests()
    {
        ledger = CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies);
        ulong nonce = 0;
        byte[] Tx(TransactionPayload payload) => LedgerTransaction.Sign(Genesis.ChainId, Agency, nonce++, payload).Encode();
        ledger.Commit(NextBlock(ledger, [.. Enumerable.Range(0, 4).Select(i => Tx(new RegisterParticipant($"citizen-{i}", ParticipantRole.Subject, Key((byte)(40 + i)).PublicKey.ToUncompressed())))], T0));
        records = ledger.Trail(Query, ledger.Head, int.MaxValue).Records;
        Assert.Equal(4, records.Count);
    }

    public void Dispose()
    {
        ledger.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void ThreeHonestAnswersMergeTheirSignatures()
    {
        var merged = Agree([Answer(0), Answer(1), null, Answer(3)]);
        Assert.NotNull(merged);
        Assert.Equal([0, 1, 3], merged.Bundle.Head.Signatures.Select(s => (int)s.Validator));
        Assert.Equal(4, merged.Bundle.Records.Length);
        Assert.Null(AuditVerifier.Verify(merged.Bundle, Genesis.ChainId, Validators, Verifier));
        Assert.Null(Agree([Answer(0), Answer(1), null, null]));
    }

    [Fact]
    public void AnAnswerThatDropsARecordIsOutvotedAndCannotMakeAQuorum()
    {
        var dropping = Answer(2, records.Where((_, i) => i != 1));
        var merged = Agree([Answer(0), Answer(1), dropping, Answer(3)]);
        Assert.Equal(4, merged!.Bundle.Records.Length);
        Assert.Equal([0, 1, 3], merged.Bundle.Head.Signatures.Select(s => (int)s.Validator));

        // Two honest and the dropping one: no three agree on the page.
        Assert.Null(Agree([Answer(0), Answer(1), dropping, null]));
        Assert.Null(Agree([Answer(0), Answer(1), Answer(2, records, next: 99), null]));
        Assert.Null(Agree([Answer(0), Answer(1), Answer(2, records.Select(r => (r.Leaf, (byte[])[.. r.Record, 0], r.Proof))), null]));
    }

    [Fact]
    public void AnAnswerWithAForgedOrBorrowedSignatureDoesNotCount()
    {
        var forged = Answer(2);
        var signature = forged.Bundle.Head.Signatures[0];
        byte[] bad = [.. signature.Signature];
        bad[^1] ^= 1;
        var withBadSignature = Rehead(forged, [new ValidatorSignature(2, bad)]);
        Assert.Null(Agree([Answer(0), Answer(1), withBadSignature, null]));

        // Validator 2 answering with validator 1's signature only, or adding a bad one to its own.
        Assert.Null(Agree([Answer(0), Answer(1), Rehead(forged, Answer(1).Bundle.Head.Signatures), null]));
        Assert.Null(Agree([Answer(0), Answer(1), Rehead(forged, [signature, new ValidatorSignature(3, bad)]), null]));
        Assert.NotNull(Agree([Answer(0), Answer(1), forged, null]));
    }

    [Fact]
    public void CompletenessStatementsAreCheckedAndMergedWhenAskedFor()
    {
        var merged = Agree([Answer(0, attested: true), null, Answer(2, attested: true), Answer(3, attested: true)], attested: true);
        Assert.Equal([0, 2, 3], merged!.Bundle.Completeness!.Signatures.Select(s => (int)s.Validator));
        Assert.Null(AuditVerifier.Verify(merged.Bundle, Genesis.ChainId, Validators, Verifier));

        // An answer without a statement, or with a statement another validator signed, does not count.
        Assert.Null(Agree([Answer(0, attested: true), Answer(1), Answer(2, attested: true), null], attested: true));
        var borrowed = Answer(1, attested: true);
        borrowed = borrowed with { Bundle = borrowed.Bundle with { Completeness = Answer(0, attested: true).Bundle.Completeness } };
        Assert.Null(Agree([Answer(0, attested: true), borrowed, Answer(2, attested: true), null], attested: true));

        // A statement about other leaves than the answer's records does not verify for that answer.
        var dropped = records.Where((_, i) => i != 2).ToList();
        var lying = Answer(1, attested: true);
        lying = lying with { Bundle = lying.Bundle with { Records = [.. dropped.Select(r => new AuditedRecord(r.Record, r.Proof))] } };
        Assert.Null(Agree([Answer(0, attested: true), lying, Answer(2, attested: true), null], attested: true));
    }

    [Fact]
    public void AnAuditorChecksTheStatementAgainstExactlyTheBundlesRecords()
    {
        var bundle = Attested([0, 1, 2]);
        Assert.Null(AuditVerifier.Verify(bundle, Genesis.ChainId, Validators, Verifier));
        var complete = bundle.Completeness!;
        Assert.Equal((0L, ledger.Head.TreeSize), (complete.FromLeaf, complete.EndLeaf));

        string? Check(AuditBundle b) => AuditVerifier.Verify(b, Genesis.ChainId, Validators, Verifier);
        Assert.Contains("completeness", Check(bundle with { Records = bundle.Records.RemoveAt(1) }), StringComparison.Ordinal);
        Assert.Contains("out of order", Check(bundle with { Records = [bundle.Records[1], bundle.Records[0], .. bundle.Records[2..]] }), StringComparison.Ordinal);
        Assert.Contains("quorum", Check(Attested([0, 1])), StringComparison.Ordinal);
        Assert.Contains("quorum", Check(bundle with { Completeness = complete with { Signatures = [complete.Signatures[0], complete.Signatures[0], complete.Signatures[1]] } }), StringComparison.Ordinal);
        Assert.NotNull(Check(bundle with { Completeness = complete with { Key = "another interval" } }));
        Assert.NotNull(Check(bundle with { Completeness = complete with { Index = TrailIndex.Subject } }));
        Assert.NotNull(Check(bundle with { Completeness = complete with { EndLeaf = complete.EndLeaf - 1 } }));
        Assert.NotNull(Check(bundle with { Completeness = complete with { FromLeaf = 1 } }));
        Assert.Contains("within the tree head", Check(bundle with { Completeness = complete with { EndLeaf = complete.EndLeaf + 1 } }), StringComparison.Ordinal);
        byte[] bad = [.. complete.Signatures[2].Signature];
        bad[^1] ^= 1;
        Assert.NotNull(Check(bundle with { Completeness = complete with { Signatures = complete.Signatures.SetItem(2, new ValidatorSignature(2, bad)) } }));

        // Under another head (the same records, proven against a later root) the statement no longer holds.
        var later = SignedTreeHead.Sign(ledger.Head with { BlockHeight = 99 }, Genesis.ChainId, Signers([0, 1, 2]));
        Assert.NotNull(Check(bundle with { Head = later }));
    }

    [Fact]
    public void StatementsRoundTripAndExportsWithoutOneStillDecode()
    {
        var bundle = Attested([0, 2, 3]);
        var decoded = AuditBundle.Decode(bundle.Encode());
        Assert.Equal(bundle.Encode(), decoded.Encode());
        Assert.Null(AuditVerifier.Verify(decoded, Genesis.ChainId, Validators, Verifier));

        var plain = bundle with { Completeness = null };
        var encoded = plain.Encode();
        Assert.Null(AuditBundle.Decode(encoded.AsSpan(0, encoded.Length - 1)).Completeness); // written before statements existed
        Assert.Null(AuditBundle.Decode(encoded).Completeness);
        Assert.Throws<LedgerFormatException>(() => AuditBundle.Decode([.. encoded[..^1], 1]));
        Assert.Throws<LedgerFormatException>(() => AuditBundle.Decode(bundle.Encode().AsSpan(0, bundle.Encode().Length - 3)));
    }

    private AuditBundle Attested(int[] validators)
    {
        var leaves = records.Select(r => r.Leaf).ToList();
        var complete = TrailAttestation.Sign(Genesis.ChainId, ledger.Head, Query, leaves, null, Signers(validators));
        var head = SignedTreeHead.Sign(ledger.Head, Genesis.ChainId, Signers([0, 1, 2, 3]));
        return new AuditBundle(head, [.. records.Select(r => new AuditedRecord(r.Record, r.Proof))], null, null, complete);
    }

    private static List<(ushort, IConsensusSigner)> Signers(int[] validators) =>
        [.. validators.Select(v => ((ushort)v, (IConsensusSigner)new Sm2ConsensusSigner(ValidatorKeys[v])))];

    private static TrailPage? Agree(TrailPage?[] answers, bool attested = false) => QuorumTrail.Agree(answers, attested, Genesis.ChainId, Validators, Verifier);

    private static TrailPage Rehead(TrailPage page, ImmutableArray<ValidatorSignature> signatures) =>
        page with { Bundle = page.Bundle with { Head = new SignedTreeHead(page.Bundle.Head.Head, signatures) } };

    private TrailPage Answer(int validator, IEnumerable<(long Leaf, byte[] Record, InclusionProof Proof)>? page = null, long? next = null, bool attested = false)
    {
        var signer = new[] { ((ushort)validator, (IConsensusSigner)new Sm2ConsensusSigner(ValidatorKeys[validator])) };
        var head = SignedTreeHead.Sign(ledger.Head, Genesis.ChainId, signer);
        var chosen = (page ?? records).ToList();
        var complete = attested ? TrailAttestation.Sign(Genesis.ChainId, ledger.Head, Query, [.. chosen.Select(r => r.Leaf)], next, signer) : null;
        return new TrailPage(new AuditBundle(head, [.. chosen.Select(r => new AuditedRecord(r.Record, r.Proof))], null, null, complete), next);
    }
}
