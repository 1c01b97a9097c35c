using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Transport;
using HdrHistogram;

namespace GovChain.Cli.Commands;

/// <summary>
/// Open-loop load for `bench ledger --signing batch`: query records (RecordQuery under real consents) arrive at a fixed
/// rate; every <c>batchSize</c> arrivals form a <see cref="RecordBatch"/> that an agency service signs once. Batches are
/// built and signed before the clock starts. A service's nonces are sequential, so each service has one batch in
/// flight and talks to one validator; services are spread over the validators. Each record's latency runs from its
/// own scheduled arrival (so it includes the wait for its batch to fill) to the commit acknowledgement of its batch.
/// </summary>
internal sealed class LedgerBatchLoad
{
    private const string Bureau = "bench-bureau";
    private const int Subjects = 64;

    /// <summary>Unregistered people that most queries name (no consent: logged as denials), so each has a short trail.</summary>
    public const int People = 10_000;
    private static readonly long MaxLatencyMicros = (long)TimeSpan.FromMinutes(10).TotalMicroseconds;

    private readonly LedgerClient[] clients;
    private readonly Hash32 chainId;
    private readonly TextWriter output;
    private readonly string phase;
    private readonly LongHistogram latency = new(MaxLatencyMicros, 3);
    private readonly Lock latencyLock = new();
    private long acceptedRecords;
    private long failedBatches;
    private long notAdmitted;
    private long inFlight;
    private long offeredBatches;
    private long lastAckTicks;

    /// <param name="phase">What the progress lines call this load: "load", or "warmup" for an uncounted one.</param>
    public LedgerBatchLoad(LedgerClient[] clients, Hash32 chainId, TextWriter output, string phase = "load")
    {
        this.clients = clients;
        this.chainId = chainId;
        this.output = output;
        this.phase = phase;
    }

    /// <summary>
    /// The genesis agencies register the bureau, subjects grant it consents, and <paramref name="services"/> agency
    /// services are registered; each service gets <paramref name="batchesEach"/> pre-signed batches of
    /// <paramref name="batchSize"/> query records (nonces 0, 1, …).
    /// </summary>
    public async Task<Service[]> PrepareAsync(Sm2PrivateKey[] agencies, int services, int batchesEach, int batchSize, CancellationToken cancel)
    {
        var bureau = Sm2PrivateKey.Generate();
        await ExpectAcceptedAsync(0, LedgerTransaction.Sign(chainId, agencies[0], 0, new RegisterParticipant(Bureau, ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())), cancel).ConfigureAwait(false);
        var consents = await GrantConsentsAsync(cancel).ConfigureAwait(false);

        // Agency a registers services a, a + n, a + 2n, … with its own sequential nonces; the agencies work in parallel.
        var keys = Enumerable.Range(0, services).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, agencies.Length).Select(async a =>
        {
            var nonce = a == 0 ? 1UL : 0UL;
            for (var s = a; s < services; s += agencies.Length)
            {
                var register = new RegisterParticipant($"bench-service-{s}", ParticipantRole.Agency, keys[s].PublicKey.ToUncompressed());
                await ExpectAcceptedAsync(a % clients.Length, LedgerTransaction.Sign(chainId, agencies[a], nonce++, register), cancel).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);

        var result = new Service[services];
        Parallel.For(0, services, new ParallelOptions { CancellationToken = cancel }, s =>
        {
            var batches = new byte[batchesEach][];
            for (var b = 0; b < batchesEach; b++)
            {
                var records = new TransactionPayload[batchSize];
                for (var i = 0; i < batchSize; i++)
                {
                    // One query in eight runs under a real consent (allowed); the rest name a person without one.
                    var n = (((long)b * services) + s) * batchSize + i;
                    var (consent, subject) = n % 8 == 0 ? consents[(n / 8) % consents.Length] : ($"{Person(n)}-c", Person(n));
                    records[i] = new RecordQuery($"q-{s}-{b}-{i}", consent, subject, Bureau, ["income"], RandomHash(), RandomHash(), RandomHash(), RandomHash());
                }

                batches[b] = LedgerTransaction.Sign(chainId, keys[s], (ulong)b, new RecordBatch(records)).Encode();
            }

            result[s] = new Service(s % clients.Length, batches);
        });
        return result;
    }

    /// <summary>Offers <paramref name="rate"/> records per second in batches of <paramref name="batchSize"/>, then waits for the batches in flight.</summary>
    public async Task<LoadResult> RunAsync(Service[] services, int rate, int batchSize, TimeSpan duration, CancellationToken cancel)
    {
        var free = Channel.CreateUnbounded<Service>();
        foreach (var service in services.Where(s => s.Usable))
        {
            free.Writer.TryWrite(service);
        }

        var clock = Stopwatch.StartNew();
        var ticksPerRecord = (double)Stopwatch.Frequency / rate;
        var windowTicks = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var scheduled = (long)Math.Floor(windowTicks / (ticksPerRecord * batchSize));
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var progress = ProgressAsync(clock, batchSize, progressStop.Token);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(duration);
        try
        {
            while (offeredBatches < scheduled)
            {
                // Batch k is complete when its last record arrives.
                var k = offeredBatches;
                var firstArrival = (long)(k * batchSize * ticksPerRecord);
                var due = (long)(((k + 1) * batchSize - 1) * ticksPerRecord);
                var wait = due - clock.ElapsedTicks;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)), window.Token).ConfigureAwait(false);
                    continue;
                }

                var service = await free.Reader.ReadAsync(window.Token).ConfigureAwait(false);
                Interlocked.Increment(ref offeredBatches);
                Interlocked.Increment(ref inFlight);
                _ = SendAsync(service, firstArrival, ticksPerRecord, batchSize, clock, free.Writer, cancel);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // The window closed while every service was busy: the ledger is behind the offered rate.
        }

        var drainLimit = clock.ElapsedTicks + (30 * Stopwatch.Frequency);
        while (Interlocked.Read(ref inFlight) > 0 && clock.ElapsedTicks < drainLimit)
        {
            await Task.Delay(50, cancel).ConfigureAwait(false);
        }

        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        Progress(phase + " done", clock, batchSize);
        var acked = Interlocked.Read(ref acceptedRecords);
        var span = Math.Max(Interlocked.Read(ref lastAckTicks), windowTicks) / (double)Stopwatch.Frequency;
        lock (latencyLock)
        {
            return new LoadResult(
                scheduled * batchSize,
                Interlocked.Read(ref offeredBatches) * batchSize,
                acked,
                acked / span,
                latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(50) / 1000.0,
                latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(99) / 1000.0);
        }
    }

    public static string Person(long n) => $"bench-person-{n % People}";

    /// <summary>The records each committed batch put in the log (its leaves), for the PostgreSQL side.</summary>
    public static IEnumerable<byte[][]> CommittedLeaves(IEnumerable<Service> services) =>
        services.SelectMany(s => s.Batches.Take(s.Next)).Select(encoded =>
        {
            var tx = LedgerTransaction.Decode(encoded);
            var batch = (RecordBatch)tx.Payload;
            return Enumerable.Range(0, batch.Records.Length).Select(i => new LedgerTransaction(tx.Actor, tx.Nonce, batch.Member(i), tx.Signature).Encode()).ToArray();
        });

    /// <summary>How many of a batch's records took effect, from the reply's reason ("batch: k of n records accepted…").</summary>
    internal static int AcceptedRecords(SubmitReply reply)
    {
        const string Prefix = "batch: ";
        if (reply.Outcome != SubmitOutcome.Accepted || !reply.Reason.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return 0;
        }

        var end = reply.Reason.IndexOf(' ', Prefix.Length);
        return end > 0 && int.TryParse(reply.Reason.AsSpan(Prefix.Length, end - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private async Task<(string Consent, string Subject)[]> GrantConsentsAsync(CancellationToken cancel)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var consents = new (string, string)[Subjects];
        await Task.WhenAll(Enumerable.Range(0, Subjects).Select(async i =>
        {
            var key = Sm2PrivateKey.Generate();
            var id = $"bench-subject-{i}";
            var node = i % clients.Length;
            await ExpectAcceptedAsync(node, LedgerTransaction.Sign(chainId, key, 0, new RegisterParticipant(id, ParticipantRole.Subject, key.PublicKey.ToUncompressed())), cancel).ConfigureAwait(false);
            var grant = new GrantConsent($"{id}-c", Bureau, "credit assessment", ["income"], DataClassification.General, now - 60, now + 86_400);
            await ExpectAcceptedAsync(node, LedgerTransaction.Sign(chainId, key, 1, grant), cancel).ConfigureAwait(false);
            consents[i] = ($"{id}-c", id);
        })).ConfigureAwait(false);
        return consents;
    }

    private async Task SendAsync(Service service, long firstArrival, double ticksPerRecord, int batchSize, Stopwatch clock, ChannelWriter<Service> free, CancellationToken cancel)
    {
        var reuse = false;
        try
        {
            var reply = await clients[service.Node].SubmitAsync(service.Batches[service.Next++], cancel).ConfigureAwait(false);
            var now = clock.ElapsedTicks;
            if (reply.Outcome == SubmitOutcome.NotAdmitted)
            {
                // The pool was full and the nonce is unused: the same batch goes out again later.
                Interlocked.Increment(ref notAdmitted);
                service.Next--;
                reuse = true;
            }
            else if (AcceptedRecords(reply) is var records and > 0)
            {
                lock (latencyLock)
                {
                    for (var i = 0; i < batchSize; i++)
                    {
                        var arrival = firstArrival + (long)(i * ticksPerRecord);
                        latency.RecordValue(Math.Min(MaxLatencyMicros, (now - arrival) * 1_000_000 / Stopwatch.Frequency));
                    }
                }

                Interlocked.Add(ref acceptedRecords, records);
                LedgerLoad.InterlockedMax(ref lastAckTicks, now);
                reuse = true;
            }
            else
            {
                Interlocked.Increment(ref failedBatches);
                service.Retired = true;
                if (Interlocked.Read(ref failedBatches) == 1)
                {
                    output.WriteLine($"first failed batch: {reply.Outcome} {reply.Reason}");
                }
            }
        }
        catch (Grpc.Core.RpcException)
        {
            // Unknown whether it committed, so the service's next nonce is unknown: retire it.
            Interlocked.Increment(ref failedBatches);
            service.Retired = true;
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref failedBatches);
            service.Retired = true;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        if (reuse && service.Next < service.Batches.Length)
        {
            free.TryWrite(service);
        }
    }

    private async Task ExpectAcceptedAsync(int node, LedgerTransaction transaction, CancellationToken cancel)
    {
        var reply = await clients[node].SubmitAsync(transaction.Encode(), cancel).ConfigureAwait(false);
        if (reply.Outcome != SubmitOutcome.Accepted)
        {
            throw new InvalidOperationException($"setup transaction was not accepted: {reply.Outcome} {reply.Reason}");
        }
    }

    private async Task ProgressAsync(Stopwatch clock, int batchSize, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                Progress(phase, clock, batchSize);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Progress(string label, Stopwatch clock, int batchSize) =>
        output.WriteLine(FormattableString.Invariant(
            $"{label} t={clock.Elapsed.TotalSeconds:F0}s offered_records={Interlocked.Read(ref offeredBatches) * batchSize} accepted_records={Interlocked.Read(ref acceptedRecords)} failed_batches={Interlocked.Read(ref failedBatches)} not_admitted={Interlocked.Read(ref notAdmitted)} batches_in_flight={Interlocked.Read(ref inFlight)}"));

    private static Hash32 RandomHash() => new(RandomNumberGenerator.GetBytes(Hash32.Size));

    /// <summary>An agency service's pre-signed batches (nonces 0, 1, …), submitted in order to one validator.</summary>
    internal sealed class Service(int node, byte[][] batches)
    {
        public int Node { get; } = node;

        public byte[][] Batches { get; } = batches;

        public int Next { get; set; }

        /// <summary>Set when a batch failed or its fate is unknown: the next nonce is then unknown too.</summary>
        public bool Retired { get; set; }

        /// <summary>Whether a later load (after a warm-up) can still use it.</summary>
        public bool Usable => !Retired && Next < Batches.Length;
    }
}
