using FsCheck.Xunit;
using GovChain.CreditService.Domain;
using GovChain.Ledger.Codec;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class QueryResultStoreTests
{
    private static StoredQueryResult Sample(string queryId, byte[] score) => new(
        queryId,
        StoredQueryResult.Fingerprint("consent-1", "subject-1", "bureau-1", "retail-credit-v1", Hash32.Compute([1]), Hash32.Compute([2])),
        Hash32.Compute([3]),
        Hash32.Compute([2]),
        Hash32.Compute(score),
        score);

    [Property(MaxTest = 30)]
    public bool AStoredResultComesBackIdentical(byte[] score)
    {
        using var dir = new TempDirectory();
        var store = new QueryResultStore(dir.Path);
        var stored = Sample("q-1", score);
        store.Put(stored);
        var back = store.TryGet("q-1")!;
        return back.QueryId == stored.QueryId && back.RequestFingerprint == stored.RequestFingerprint && back.ModelHash == stored.ModelHash
            && back.InputHash == stored.InputHash && back.OutputHash == stored.OutputHash && back.EncryptedScore.AsSpan().SequenceEqual(score);
    }

    [Fact]
    public void AnUnansweredQueryIsNull()
    {
        using var dir = new TempDirectory();
        Assert.Null(new QueryResultStore(dir.Path).TryGet("never"));
    }

    [Fact]
    public void TheQueryIdDoesNotAppearOnDisk()
    {
        using var dir = new TempDirectory();
        new QueryResultStore(dir.Path).Put(Sample("visible-query-id", [1, 2]));
        Assert.DoesNotContain("visible-query-id", Directory.GetFiles(dir.Path).Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(-1)]
    public void ADamagedResultIsDetected(int offset)
    {
        using var dir = new TempDirectory();
        var store = new QueryResultStore(dir.Path);
        store.Put(Sample("q-2", [5, 6, 7]));
        var file = Directory.GetFiles(dir.Path).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[offset < 0 ? bytes.Length - 1 : offset] ^= 1;
        File.WriteAllBytes(file, bytes);
        Assert.Throws<BlobIntegrityException>(() => store.TryGet("q-2"));
    }

    [Fact]
    public void ATruncatedResultIsDetected()
    {
        using var dir = new TempDirectory();
        var store = new QueryResultStore(dir.Path);
        store.Put(Sample("q-3", [5, 6, 7]));
        var file = Directory.GetFiles(dir.Path).Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..20]);
        Assert.Throws<BlobIntegrityException>(() => store.TryGet("q-3"));
    }
}
