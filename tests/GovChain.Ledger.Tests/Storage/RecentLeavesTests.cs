using FsCheck.Xunit;
using GovChain.Ledger.Storage;
using Xunit;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>The in-memory copy of the newest logged records that trails read before the store.</summary>
public sealed class RecentLeavesTests
{
    /// <summary>
    /// Against a model that keeps everything: whatever is returned is exactly the record appended for that leaf, the
    /// newest leaf is always held after a normal append, and what is held fits the byte and slot bounds.
    /// </summary>
    [Property(MaxTest = 300)]
    public void ReturnsOnlyWhatWasAppendedWithinItsBounds(byte[] sizes, byte gaps, byte smallBuffer)
    {
        var bytes = 64 + (smallBuffer % 200);
        const int Slots = 7;
        var recent = new RecentLeaves(bytes, Slots);
        var model = new Dictionary<long, byte[]>();
        var leaf = 0L;
        for (var i = 0; i < sizes.Length; i++)
        {
            if (gaps != 0 && i % ((gaps % 9) + 2) == 0)
            {
                leaf += gaps % 3; // a gap starts over; 0 re-appends the next leaf normally
            }

            var record = Record(leaf, sizes[i] % 100);
            recent.Append(leaf, record);
            model[leaf] = record;
            if (record.Length <= bytes / 2)
            {
                Assert.Equal(record, recent.TryRead(leaf));
            }

            var held = 0;
            var heldBytes = 0;
            foreach (var (l, r) in model)
            {
                if (recent.TryRead(l) is { } read)
                {
                    Assert.Equal(r, read);
                    held++;
                    heldBytes += read.Length;
                }
            }

            Assert.InRange(held, 0, Slots);
            Assert.InRange(heldBytes, 0, bytes);
            leaf++;
        }

        Assert.Null(recent.TryRead(leaf));
        Assert.Null(recent.TryRead(-1));
    }

    [Fact]
    public async Task ReadersRacingTheWriterNeverSeeAnotherLeafsBytes()
    {
        // A small buffer that the writer overwrites thousands of times while readers copy: a torn or stale copy would
        // show bytes of another leaf.
        var recent = new RecentLeaves(4096, 64);
        var done = 0;
        var next = 0L;
        var hits = 0L;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (Volatile.Read(ref done) == 0)
            {
                var newest = Volatile.Read(ref next);
                var leaf = newest - random.Next(0, 80);
                if (recent.TryRead(leaf) is { } read)
                {
                    Assert.Equal(Record(leaf, read.Length), read);
                    Interlocked.Increment(ref hits);
                }
            }
        })).ToArray();

        for (var leaf = 0L; leaf < 400_000; leaf++)
        {
            recent.Append(leaf, Record(leaf, (int)(leaf % 97) + 8));
            Volatile.Write(ref next, leaf);
        }

        Volatile.Write(ref done, 1);
        await Task.WhenAll(readers);
        Assert.True(Interlocked.Read(ref hits) > 0, "no reader ever found a leaf");
    }

    /// <summary>A record whose every byte depends on its leaf and position, so bytes of any other leaf differ.</summary>
    private static byte[] Record(long leaf, int length)
    {
        var record = new byte[length];
        for (var i = 0; i < length; i++)
        {
            record[i] = (byte)((leaf * 31) + (i * 7) + (leaf >> 8));
        }

        return record;
    }
}
