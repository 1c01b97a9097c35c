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
    public void ReadersRacingTheWriterNeverSeeAnotherLeafsBytes()
    {
        // A small buffer that the writer overwrites thousands of times while readers copy: a torn or stale copy would
        // show bytes of another leaf. The readers are threads of their own, and the writer starts once both run and
        // goes on until they have copied enough leaves: on a busy machine pool threads may start only after the
        // writer is done (a CI run saw no read at all).
        const long MinimumHits = 200_000;
        var recent = new RecentLeaves(4096, 64);
        var done = 0;
        var next = 0L;
        var hits = 0L;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var started = new CountdownEvent(2);
        var readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
        {
            var random = new Random(r);
            started.Signal();
            while (Volatile.Read(ref done) == 0)
            {
                var leaf = Volatile.Read(ref next) - random.Next(0, 80);
                if (recent.TryRead(leaf) is { } read)
                {
                    if (!read.AsSpan().SequenceEqual(Record(leaf, read.Length)))
                    {
                        failures.Enqueue($"leaf {leaf} read another leaf's bytes");
                    }

                    Interlocked.Increment(ref hits);
                }
            }
        }) { IsBackground = true }).ToArray();
        foreach (var reader in readers)
        {
            reader.Start();
        }

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the readers did not start");
        var appended = 0L;
        for (; appended < 400_000 || (Interlocked.Read(ref hits) < MinimumHits && appended < 200_000_000); appended++)
        {
            recent.Append(appended, Record(appended, (int)(appended % 97) + 8));
            Volatile.Write(ref next, appended);
        }

        Volatile.Write(ref done, 1);
        foreach (var reader in readers)
        {
            reader.Join();
        }

        Assert.Empty(failures);
        Assert.True(Interlocked.Read(ref hits) >= MinimumHits, $"readers copied {hits} leaves while {appended} were appended");
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
