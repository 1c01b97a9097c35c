using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>The chunked hash column reads back exactly what a plain list holds, across its first chunk's growth and chunk boundaries.</summary>
public sealed class HashColumnTests
{
    [Fact]
    public void EveryHashReadsBackAtItsIndexAcrossChunkBoundaries()
    {
        const int Count = (3 << 16) + 5;
        var column = new HashColumn();
        var expected = new List<Hash32>(Count);
        for (var i = 0; i < Count; i++)
        {
            var hash = Hash32.Compute(BitConverter.GetBytes(i));
            column.Add(hash);
            expected.Add(hash);
            Assert.Equal(i + 1, column.Count);
            Assert.Equal(hash, column[i]);
        }

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(expected[i], column[i]);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(3, -1)]
    [InlineData(70_000, 70_000)]
    public void AnIndexOutsideTheColumnIsRefused(int count, long index)
    {
        var column = new HashColumn();
        for (var i = 0; i < count; i++)
        {
            column.Add(default);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => column[index]);
    }
}
