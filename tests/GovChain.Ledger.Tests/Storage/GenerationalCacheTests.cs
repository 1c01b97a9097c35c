using Xunit;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>The bounded cache behind the key table and admitted transactions: two generations at most, recent reads kept.</summary>
public sealed class GenerationalCacheTests
{
    [Fact]
    public void HoldsAtMostTwoGenerationsAndKeepsWhatWasReadRecently()
    {
        const int Generation = 10;
        var cache = new GenerationalCache<int, string>(Generation);
        for (var i = 0; i < 100; i++)
        {
            cache.Add(i, $"v{i}");
            if (i >= 10)
            {
                Assert.True(cache.TryGet(5, out var kept)); // read once per addition: never falls out
                Assert.Equal("v5", kept);
            }
        }

        // Entries three or more generations old are gone (a miss changes nothing, so checking them is safe).
        Assert.All(Enumerable.Range(0, 70).Where(i => i != 5), i => Assert.False(cache.TryGet(i, out _)));
        Assert.True(cache.TryGet(99, out var last));
        Assert.Equal("v99", last);
    }
}
