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
/// How a trail page gathered from four validators is merged: only 2f+1 answers with the same head, the same records
/// and correct signatures of their own validators count, so one faulty validator can neither drop a record nor spoil
/// the merged head.
/// </summary>
public sealed class QuorumTrailTests : IDisposable
{
    private static readonly Sm2PrivateKey[] ValidatorKeys = [Key(21), Key(22), Key(23), Key(24)];
    private static readonly ValidatorSet Validators = new(ValidatorKeys.Select(k => k.PublicKey.ToUncompressed()));

    private readonly TempDirectory dir = new();
    private readonly CommittedLedger ledger;
    private readonly List<(long Leaf, byte[] Record, InclusionProof Proof)> records;

    public QuorumTrailTests()
    {
        ledger = CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies);
        ulong nonce = 0;
        byte[] Tx(TransactionPayload payload) => LedgerTransaction.Sign(Genesis.ChainId, Agency, nonce++, payload).Encode();
        ledger.Commit(NextBlock(ledger, [.. Enumerable.Range(0, 4).Select(i => Tx(new RegisterParticipant($"citizen-{i}", ParticipantRole.Subject, Key((byte)(40 + i)).PublicKey.ToUncompressed())))], T0));
        records = ledger.Trail(TrailIndex.Time, TrailQuery.FormatInterval(DateTimeOffset.FromUnixTimeSeconds(T0), DateTimeOffset.FromUnixTimeSeconds(T0 + 1)));
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

    private static TrailPage? Agree(TrailPage?[] answers) => QuorumTrail.Agree(answers, Genesis.ChainId, Validators, Verifier);

    private static TrailPage Rehead(TrailPage page, ImmutableArray<ValidatorSignature> signatures) =>
        page with { Bundle = page.Bundle with { Head = new SignedTreeHead(page.Bundle.Head.Head, signatures) } };

    private TrailPage Answer(int validator, IEnumerable<(long Leaf, byte[] Record, InclusionProof Proof)>? page = null, long? next = null)
    {
        var head = SignedTreeHead.Sign(ledger.Head, Genesis.ChainId, [((ushort)validator, new Sm2ConsensusSigner(ValidatorKeys[validator]))]);
        return new TrailPage(new AuditBundle(head, [.. (page ?? records).Select(r => new AuditedRecord(r.Record, r.Proof))], null, null), next);
    }
}
