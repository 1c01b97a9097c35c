using System.Diagnostics;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transport;
using HdrHistogram;

namespace GovChain.Cli.Commands;

/// <summary>
/// Trail queries against one validator's real store after the load, and with <c>--trails-during-load</c> throughout it
/// too: closed-loop clients ask for random subjects' trails (records, inclusion proofs and the node's signed tree head,
/// and when <c>attested</c> the node's signed statement that the page is complete) over the client API, for a fixed time.
/// </summary>
internal static class LedgerBenchTrails
{
    public const int Clients = 16;

    public static async Task<TrailFigures> MeasureAsync(LedgerClient client, IReadOnlyList<string> subjects, bool attested, TimeSpan duration, CancellationToken cancel)
    {
        var latency = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        var gate = new Lock();
        long queries = 0;
        long records = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var random = new Random(c);
            while (clock.Elapsed < duration)
            {
                var started = clock.ElapsedTicks;
                var bundle = (await client.TrailAsync(new TrailRequest(new TrailQuery(TrailIndex.Subject, subjects[random.Next(subjects.Count)]), Attested: attested), cancel).ConfigureAwait(false)).Bundle;
                var micros = (clock.ElapsedTicks - started) * 1_000_000 / Stopwatch.Frequency;
                lock (gate)
                {
                    latency.RecordValue(Math.Min(latency.HighestTrackableValue, micros));
                }

                Interlocked.Increment(ref queries);
                Interlocked.Add(ref records, bundle.Records.Length);
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        return new(queries / seconds, latency.GetValueAtPercentile(50) / 1000.0, latency.GetValueAtPercentile(99) / 1000.0, records);
    }

    /// <summary>The trail measurement while <paramref name="load"/> runs, when <paramref name="shape"/> asks for one.</summary>
    public static async Task<(LoadResult Load, TrailFigures? Trails)> DuringAsync(LedgerBenchLoadShape shape, LedgerClient client, IReadOnlyList<string> subjects, int seconds, Func<Task<LoadResult>> load, CancellationToken cancel)
    {
        if (!shape.TrailsDuringLoad)
        {
            return (await load().ConfigureAwait(false), null);
        }

        // Both are awaited whichever fails first, so neither is left running unobserved.
        var trails = MeasureAsync(client, subjects, attested: false, TimeSpan.FromSeconds(seconds), cancel);
        var running = load();
        await Task.WhenAll(trails, running).ConfigureAwait(false);
        return (await running.ConfigureAwait(false), await trails.ConfigureAwait(false));
    }
}

/// <summary>Trail queries answered per second, their latency percentiles, and the records with proofs they returned.</summary>
internal sealed record TrailFigures(double Qps, double P50Ms, double P99Ms, long Records);
