using System.Buffers;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;
using GovChain.TestSupport;
using Xunit;
using static GovChain.Ledger.Tests.Storage.StoreFixture;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>
/// Trails a page at a time (keyed and by time interval): the pages of any size join into the whole trail in log order,
/// each page says exactly where the next one starts, and no page reaches past its head, its limit or its byte bound.
/// </summary>
public sealed class TrailPagingTests : IDisposable
{
    private const int Blocks = 12;
    private const int DenialsPerBlock = 5;

    private readonly TempDirectory dir = new();
    private readonly Dictionary<Sm2PrivateKey, ulong> nonces = [];
    private readonly List<long> leafTimes = [];
    private readonly CommittedLedger ledger;

    public TrailPagingTests()
    {
        ledger = CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies);
        leafTimes.AddRange(Enumerable.Repeat(ledger.Store.ReadBlock(0).Timestamp, (int)ledger.Log.Size)); // genesis records
        ledger.Commit(NextBlock(ledger,
        [
            Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed())),
            Tx(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())),
            Tx(Subject2, new RegisterParticipant("citizen-2", ParticipantRole.Subject, Subject2.PublicKey.ToUncompressed())),
        ], T0));
        leafTimes.AddRange(Enumerable.Repeat(T0, (int)ledger.Log.Size - leafTimes.Count));

        // Block b (1..Blocks) at time T0 + 10·b: denials for citizen-1 and, every third one, for citizen-2.
        var h = Hash32.Compute("x"u8);
        for (var b = 1; b <= Blocks; b++)
        {
            var denials = Enumerable.Range(0, DenialsPerBlock).Select(i => (TransactionPayload)new RecordDenial(
                $"d-{b}-{i}", "bureau-a", "query", i % 3 == 0 ? "citizen-2" : "citizen-1", "no consent", h));
            var results = ledger.Commit(NextBlock(ledger, [Tx(Agency, new RecordBatch([.. denials]))], T0 + (10 * b)));
            Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
            leafTimes.AddRange(Enumerable.Repeat(T0 + (10 * b), (int)ledger.Log.Size - leafTimes.Count));
        }
    }

    public static TheoryData<int> Limits => [1, 2, 3, 7, 64, 1000];

    public void Dispose()
    {
        ledger.Dispose();
        dir.Dispose();
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void PagesOfAnySizeJoinIntoTheWholeTrailInLogOrder(int limit)
    {
        foreach (var query in new[]
        {
            new TrailQuery(TrailIndex.Subject, "citizen-1", 0, limit),
            new TrailQuery(TrailIndex.Bureau, "bureau-a", 0, limit),
            new TrailQuery(TrailIndex.Time, Interval(T0, T0 + (10 * Blocks) + 1), 0, limit),
        })
        {
            var expected = Expected(query, ledger.Head.TreeSize);
            Assert.True(expected.Count > 20);
            var joined = Follow(query, ledger.Head, int.MaxValue, page => Assert.InRange(page.Count, 1, limit));
            Assert.Equal(expected, joined);
        }
    }

    [Fact]
    public void TimePagesStartAtTheirLeafInLongIntervalsAndAmongBlocksSharingASecond()
    {
        // Three more blocks in one second (a proposer may reuse its parent's time).
        var second = T0 + (10 * Blocks) + 5;
        var h = Hash32.Compute("y"u8);
        for (var b = 0; b < 3; b++)
        {
            var denials = Enumerable.Range(0, DenialsPerBlock).Select(i => (TransactionPayload)new RecordDenial($"s-{b}-{i}", "bureau-a", "query", "citizen-1", "no consent", h));
            var results = ledger.Commit(NextBlock(ledger, [Tx(Agency, new RecordBatch([.. denials]))], second));
            Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
            leafTimes.AddRange(Enumerable.Repeat(second, (int)ledger.Log.Size - leafTimes.Count));
        }

        foreach (var interval in new[] { Interval(T0 - 1, second + 1), Interval(second, second + 1), Interval(T0 + 25, second + 100_000_000), Interval(0, T0 + 41), "1960-01-01/2100-01-01" })
        {
            var whole = Expected(new TrailQuery(TrailIndex.Time, interval), ledger.Head.TreeSize);
            Assert.NotEmpty(whole);
            for (var from = 0L; from <= ledger.Head.TreeSize; from++)
            {
                var (records, next) = ledger.Trail(new TrailQuery(TrailIndex.Time, interval, from, 3), ledger.Head, int.MaxValue);
                var rest = whole.Where(l => l >= from).ToList();
                Assert.Equal(rest.Take(3), records.Select(r => r.Leaf));
                Assert.Equal(rest.Count > 3 ? rest[3] : (long?)null, next);
            }
        }
    }

    [Fact]
    public void APageStartsAtItsLeafAndStopsAtTheHeadItIsProvenAgainst()
    {
        var whole = Expected(new TrailQuery(TrailIndex.Subject, "citizen-1"), ledger.Head.TreeSize);
        var from = whole[whole.Count / 2] - 1; // not itself in the trail
        var (records, next) = ledger.Trail(new TrailQuery(TrailIndex.Subject, "citizen-1", from, 4), ledger.Head, int.MaxValue);
        Assert.Equal(whole.Where(l => l >= from).Take(4), records.Select(r => r.Leaf));
        Assert.Equal(whole.Where(l => l >= from).ElementAt(4), next);

        // An older head: nothing logged after it, and the page ends the trail there.
        var older = new TreeHead(whole[5], ledger.Log.RootAt(whole[5]), 0, Hash32.Compute("b"u8));
        var (early, none) = ledger.Trail(new TrailQuery(TrailIndex.Subject, "citizen-1", 0, 100), older, int.MaxValue);
        Assert.Equal(whole.Take(5), early.Select(r => r.Leaf));
        Assert.Null(none);
        Assert.All(early, r => Assert.True(r.Proof.Verify(ledger.Log.Hasher, ledger.Log.Hasher.HashLeaf(r.Record), older.RootHash)));
    }

    [Fact]
    public void AByteBoundCutsPagesShortButNeverEmpty()
    {
        var query = new TrailQuery(TrailIndex.Bureau, "bureau-a", 0, 50);
        var expected = Expected(query, ledger.Head.TreeSize);
        Assert.Equal(expected, Follow(query, ledger.Head, 1, page => Assert.Single(page)));

        var pages = 0;
        var record = ledger.Trail(query, ledger.Head, int.MaxValue).Records[5].Record.Length;
        var afew = Follow(query, ledger.Head, 3 * (record + 500), page =>
        {
            Assert.InRange(page.Count, 1, 6);
            pages++;
        });
        Assert.Equal(expected, afew);
        Assert.InRange(pages, expected.Count / 6, expected.Count / 2);
    }

    [Fact]
    public void ATimeIntervalSelectsWholeBlocksEndExcluded()
    {
        var block3 = Expected(new TrailQuery(TrailIndex.Time, Interval(T0 + 30, T0 + 40)), ledger.Head.TreeSize);
        Assert.Equal(DenialsPerBlock, block3.Count);
        Assert.Equal(Enumerable.Range((int)block3[0], DenialsPerBlock).Select(l => (long)l), block3);
        Assert.Equal(2 * DenialsPerBlock, Expected(new TrailQuery(TrailIndex.Time, Interval(T0 + 25, T0 + 41)), ledger.Head.TreeSize).Count);
        Assert.Empty(Expected(new TrailQuery(TrailIndex.Time, Interval(T0 - 100, T0)), ledger.Head.TreeSize));
        Assert.Empty(Expected(new TrailQuery(TrailIndex.Time, Interval(T0 + 1000, T0 + 2000)), ledger.Head.TreeSize));

        // The same instant in another offset is the same interval.
        var start = DateTimeOffset.FromUnixTimeSeconds(T0 + 30).ToOffset(TimeSpan.FromHours(8));
        var offset = new TrailQuery(TrailIndex.Time, $"{start:yyyy-MM-ddTHH:mm:sszzz}/{DateTimeOffset.FromUnixTimeSeconds(T0 + 40):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal((T0 + 30, T0 + 40), offset.Interval);
        Assert.Equal((1_796_083_200L, 1_796_169_600L), new TrailQuery(TrailIndex.Time, "2026-12-01/2026-12-02").Interval);
        Assert.Equal((1_796_083_200L, 1_796_083_260L), new TrailQuery(TrailIndex.Time, "2026-12-01T08:00+08:00/2026-12-01T00:01:00.5Z").Interval);
    }

    [Theory]
    [InlineData(TrailIndex.Time, "yesterday")]
    [InlineData(TrailIndex.Time, "2026-12-02T00:00:00Z/2026-12-01T00:00:00Z")]
    [InlineData(TrailIndex.Time, "2026-12-01T00:00:00Z")]
    [InlineData(TrailIndex.Time, "12/01/2026/12/02/2026")]
    [InlineData(TrailIndex.Time, "12/01/2026 00:00/2026-12-02")]
    [InlineData(TrailIndex.Time, "2026-12-01T00:00:00Z/Tuesday")]
    [InlineData(TrailIndex.Time, "2026-12-01T00:00:00Z/2026-12-02T00:00:00Z/2026-12-03T00:00:00Z")]
    [InlineData(TrailIndex.Subject, "")]
    [InlineData(TrailIndex.Subject, "a\0b")]
    [InlineData((TrailIndex)7, "citizen-1")]
    public void MalformedQueriesAreRefusedWithAReason(TrailIndex index, string key) =>
        Assert.False(string.IsNullOrEmpty(Assert.Throws<LedgerFormatException>(() => new TrailQuery(index, key)).Message));

    [Fact]
    public void OutOfRangeLeavesLimitsAndKeysAreRefused()
    {
        Assert.Throws<LedgerFormatException>(() => new TrailQuery(TrailIndex.Subject, "citizen-1", -1));
        Assert.Throws<LedgerFormatException>(() => new TrailQuery(TrailIndex.Subject, "citizen-1", 0, 0));
        Assert.Throws<LedgerFormatException>(() => new TrailQuery(TrailIndex.Subject, "citizen-1", 0, TrailQuery.MaxLimit + 1));
        Assert.Throws<LedgerFormatException>(() => new TrailQuery(TrailIndex.Subject, new string('x', TrailQuery.MaxKeyBytes + 1)));
        Assert.Equal(TrailQuery.MaxLimit, new TrailQuery(TrailIndex.Subject, new string('x', TrailQuery.MaxKeyBytes), 0, TrailQuery.MaxLimit).Limit);
    }

    [Fact]
    public void PagesRoundTripAndMalformedPagesAreRefused()
    {
        var signers = new[] { ((ushort)0, (IConsensusSigner)new Sm2ConsensusSigner(Agency)) };
        var (records, next) = ledger.Trail(new TrailQuery(TrailIndex.Subject, "citizen-1", 0, 3), ledger.Head, int.MaxValue);
        var bundle = new AuditBundle(SignedTreeHead.Sign(ledger.Head, Genesis.ChainId, signers), [.. records.Select(r => new AuditedRecord(r.Record, r.Proof))], null, null);
        foreach (var page in new[] { new TrailPage(bundle, next), new TrailPage(bundle, null) })
        {
            var decoded = TrailPage.Decode(page.Encode());
            Assert.Equal(page.NextFromLeaf, decoded.NextFromLeaf);
            Assert.Equal(bundle.Encode(), decoded.Bundle.Encode());
        }

        var encoded = new TrailPage(bundle, next).Encode();
        Assert.Throws<LedgerFormatException>(() => TrailPage.Decode(encoded.AsSpan(0, encoded.Length - 10)));
        Assert.Throws<LedgerFormatException>(() => TrailPage.Decode([.. encoded, 0]));
        Assert.Throws<LedgerFormatException>(() => TrailPage.Decode(new TrailPage(bundle, -5).Encode()));
        Assert.Throws<LedgerFormatException>(() => TrailPage.Decode([]));
    }

    [Fact]
    public void AClientDecodesAPageFromOneOrManyReceiveBuffersAndRefusesAMalformedOne()
    {
        var signers = new[] { ((ushort)0, (IConsensusSigner)new Sm2ConsensusSigner(Agency)) };
        var (records, next) = ledger.Trail(new TrailQuery(TrailIndex.Subject, "citizen-1", 0, 3), ledger.Head, int.MaxValue);
        var bundle = new AuditBundle(SignedTreeHead.Sign(ledger.Head, Genesis.ChainId, signers), [.. records.Select(r => new AuditedRecord(r.Record, r.Proof))], null, null);
        var encoded = new TrailPage(bundle, next).Encode();
        var split = encoded.Length / 3;
        foreach (var payload in new[] { new ReadOnlySequence<byte>(encoded), TwoSegments(encoded[..split], encoded[split..]) })
        {
            var page = TrailPageReply.Marshaller.ContextualDeserializer(new PayloadContext(payload)).PageOrThrow();
            Assert.Equal(next, page.NextFromLeaf);
            Assert.Equal(bundle.Encode(), page.Bundle.Encode());
        }

        var truncated = TrailPageReply.Marshaller.ContextualDeserializer(new PayloadContext(new ReadOnlySequence<byte>(encoded.AsMemory(0, encoded.Length - 10))));
        Assert.Throws<LedgerFormatException>(() => truncated.PageOrThrow());
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] first, byte[] second)
    {
        var head = new Segment(first, 0);
        var tail = new Segment(second, first.Length);
        head.Link(tail);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public void Link(Segment next) => Next = next;
    }

    private sealed class PayloadContext(ReadOnlySequence<byte> payload) : Grpc.Core.DeserializationContext
    {
        public override int PayloadLength => (int)payload.Length;

        public override byte[] PayloadAsNewBuffer() => payload.ToArray();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => payload;
    }

    [Fact]
    public void RequestsRoundTripAndMalformedRequestsAreRefused()
    {
        var request = new TrailRequest(new TrailQuery(TrailIndex.Time, Interval(T0, T0 + 60), 17, 50), Certified: true);
        var decoded = TrailRequest.Decode(request.Encode());
        Assert.Equal((request.Query.Index, request.Query.Key, request.Query.FromLeaf, request.Query.Limit, request.Query.Interval, true),
            (decoded.Query.Index, decoded.Query.Key, decoded.Query.FromLeaf, decoded.Query.Limit, decoded.Query.Interval, decoded.Certified));

        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(Request(9, "c-1", 0, 1)));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(Request(0, new string('x', TrailQuery.MaxKeyBytes + 1), 0, 1)));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(Request(0, "k", -1, 1)));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(Request(0, "k", 0, 0)));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(Request(0, "k", 0, uint.MaxValue)));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(Request(3, "last week", 0, 1)));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode([.. request.Encode(), 0]));
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(request.Encode().AsSpan(0, 10)));
    }

    private static byte[] Request(byte index, string key, long fromLeaf, uint limit)
    {
        var w = new CanonicalWriter();
        w.WriteByte(index);
        w.WriteString(key);
        w.WriteBool(false);
        w.WriteInt64(fromLeaf);
        w.WriteUInt32(limit);
        w.WriteBool(false);
        return w.ToArray();
    }

    private static string Interval(long from, long to) =>
        TrailQuery.FormatInterval(DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to));

    /// <summary>The trail recomputed from every logged record and its block's time, without the indexes.</summary>
    private List<long> Expected(TrailQuery query, long treeSize)
    {
        var (from, to) = query.Interval;
        var expected = new List<long>();
        for (var leaf = query.FromLeaf; leaf < treeSize; leaf++)
        {
            var record = System.Text.Encoding.UTF8.GetString(ledger.Store.ReadLeaves([leaf])[0]!);
            var matches = query.Index == TrailIndex.Time
                ? leafTimes[(int)leaf] >= from && leafTimes[(int)leaf] < to
                : record.Contains(query.Key, StringComparison.Ordinal);
            if (matches)
            {
                expected.Add(leaf);
            }
        }

        return expected;
    }

    /// <summary>Follows the pages from the query's leaf to the end, checking every proof against the head.</summary>
    private List<long> Follow(TrailQuery query, TreeHead head, int maxBytes, Action<List<(long Leaf, byte[] Record, InclusionProof Proof)>> eachPage)
    {
        var leaves = new List<long>();
        while (true)
        {
            var (records, next) = ledger.Trail(query, head, maxBytes);
            eachPage(records);
            foreach (var (leaf, record, proof) in records)
            {
                Assert.True(leaf >= query.FromLeaf && (leaves.Count == 0 || leaf > leaves[^1]), $"leaf {leaf} out of order");
                Assert.Equal(leaf, proof.LeafIndex);
                Assert.True(proof.Verify(ledger.Log.Hasher, ledger.Log.Hasher.HashLeaf(record), head.RootHash));
                leaves.Add(leaf);
            }

            if (next is not { } from)
            {
                return leaves;
            }

            Assert.True(from > leaves[^1]);
            query = query.StartingAt(from);
        }
    }

    private byte[] Tx(Sm2PrivateKey key, TransactionPayload payload)
    {
        var nonce = nonces.GetValueOrDefault(key);
        nonces[key] = nonce + 1;
        return LedgerTransaction.Sign(Genesis.ChainId, key, nonce, payload).Encode();
    }
}
