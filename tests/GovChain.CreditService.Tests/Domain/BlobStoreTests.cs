using FsCheck.Xunit;
using GovChain.CreditService.Domain;
using GovChain.Ledger.Codec;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class BlobStoreTests
{
    [Property(MaxTest = 30)]
    public bool BlobsComeBackUnderTheirSm3(byte[] content)
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);
        var hash = store.Put(content);
        return hash == Hash32.Compute(content) && store.TryGet(hash)!.AsSpan().SequenceEqual(content) && store.Put(content) == hash;
    }

    [Fact]
    public void AnAbsentBlobIsNull()
    {
        using var dir = new TempDirectory();
        Assert.Null(new BlobStore(dir.Path).TryGet(Hash32.Compute([9])));
    }

    [Fact]
    public void ADamagedBlobIsReportedNotServed()
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);
        var hash = store.Put([1, 2, 3, 4]);
        var file = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(file, [1, 2, 3, 5]);
        Assert.Throws<BlobIntegrityException>(() => store.TryGet(hash));
    }

    [Fact]
    public void NoTemporaryFilesAreLeftBehind()
    {
        using var dir = new TempDirectory();
        var store = new BlobStore(dir.Path);
        for (var i = 0; i < 5; i++)
        {
            store.Put([(byte)i]);
        }

        Assert.Equal(5, Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Length);
    }
}
