using System.Diagnostics;
using System.Threading.Channels;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Transport;
using HdrHistogram;

namespace GovChain.Cli.Commands;

/// <summary>
/// Open-loop load for `bench ledger`: registered subjects grant consents to one bureau at a fixed arrival rate.
/// Every record is its own SM2-signed transaction, signed before the clock starts so signing does not steal the
/// validators' cores. An identity's nonces are strictly sequential, so each identity has at most one record in flight
/// and always talks to the same validator. Latency runs from a record's scheduled arrival (not its actual send) to its
/// commit acknowledgement, so a stalled ledger cannot hide its queueing delay (no coordinated omission). The records
/// travel on one submit stream per validator, each still acknowledged on its own when it commits.
/// </summary>
internal sealed class LedgerLoad
{
    private const string Bureau = "bench-bureau";
    private static readonly long MaxLatencyMicros = (long)TimeSpan.FromMinutes(10).TotalMicroseconds;

    private readonly LedgerClient[] clients;
    private readonly Hash32 chainId;
    private readonly TextWriter output;
    private readonly string phase;
    private readonly LongHistogram latency = new(MaxLatencyMicros, 3);
    private readonly Lock latencyLock = new();
    private long accepted;
    private long rejected;
    private long notAdmitted;
    private long failed;
    private long inFlight;
    private long offered;
    private long lastAckTicks;

    /// <param name="phase">What the progress lines call this load: "load", or "warmup" for an uncounted one.</param>
    public LedgerLoad(LedgerClient[] clients, Hash32 chainId, TextWriter output, string phase = "load")
    {
        this.clients = clients;
        this.chainId = chainId;
        this.output = output;
        this.phase = phase;
    }

    /// <summary>Agency 0 registers the bureau, then <paramref name="count"/> subjects register themselves, each with its records pre-signed.</summary>
    public async Task<Identity[]> RegisterAsync(Sm2PrivateKey agency, int count, int recordsEach, CancellationToken cancel)
    {
        var bureau = Sm2PrivateKey.Generate();
        var register = LedgerTransaction.Sign(chainId, agency, 0, new RegisterParticipant(Bureau, ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed()));
        await ExpectAcceptedAsync(0, register.Encode(), cancel).ConfigureAwait(false);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var identities = new Identity[count];
        var registrations = new byte[count][];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            var key = Sm2PrivateKey.Generate();
            var id = $"bench-subject-{i}";
            registrations[i] = LedgerTransaction.Sign(chainId, key, 0, new RegisterParticipant(id, ParticipantRole.Subject, key.PublicKey.ToUncompressed())).Encode();
            var records = new byte[recordsEach][];
            for (var n = 0; n < recordsEach; n++)
            {
                var consent = new GrantConsent($"{id}-c{n}", Bureau, "credit assessment", ["income"], DataClassification.General, now - 60, now + 86_400);
                records[n] = LedgerTransaction.Sign(chainId, key, (ulong)n + 1, consent).Encode();
            }

            identities[i] = new Identity(i % clients.Length, records);
        });

        using var gate = new SemaphoreSlim(256);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                await ExpectAcceptedAsync(identities[i].Node, registrations[i], cancel).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return identities;
    }

    /// <summary>Offers <paramref name="rate"/> records per second for <paramref name="duration"/>, then waits for the records in flight.</summary>
    public async Task<LoadResult> RunAsync(Identity[] identities, int rate, TimeSpan duration, CancellationToken cancel)
    {
        var streams = clients.Select(c => c.OpenSubmitStream()).ToArray();
        try
        {
            return await RunAsync(streams, identities, rate, duration, cancel).ConfigureAwait(false);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<LoadResult> RunAsync(LedgerSubmitStream[] streams, Identity[] identities, int rate, TimeSpan duration, CancellationToken cancel)
    {
        var free = Channel.CreateUnbounded<Identity>();
        foreach (var identity in identities.Where(i => i.Usable))
        {
            free.Writer.TryWrite(identity);
        }

        var clock = Stopwatch.StartNew();
        var ticksPerRecord = (double)Stopwatch.Frequency / rate;
        var windowTicks = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var scheduled = (long)Math.Ceiling(windowTicks / ticksPerRecord);
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var progress = ProgressAsync(clock, progressStop.Token);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(duration);
        try
        {
            while (Interlocked.Read(ref offered) < scheduled)
            {
                var now = clock.ElapsedTicks;
                for (var due = (long)(offered * ticksPerRecord); due <= now && offered < scheduled; due = (long)(offered * ticksPerRecord))
                {
                    var identity = await free.Reader.ReadAsync(window.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref offered);
                    Interlocked.Increment(ref inFlight);
                    _ = SendAsync(streams[identity.Node], identity, due, clock, free.Writer, cancel);
                }

                await Task.Delay(1, window.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // The window closed while every identity was busy: the ledger is behind the offered rate.
        }

        var drainLimit = clock.ElapsedTicks + (30 * Stopwatch.Frequency);
        while (Interlocked.Read(ref inFlight) > 0 && clock.ElapsedTicks < drainLimit)
        {
            await Task.Delay(50, cancel).ConfigureAwait(false);
        }

        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        Progress(phase + " done", clock);
        var acked = Interlocked.Read(ref accepted);
        var span = Math.Max(Interlocked.Read(ref lastAckTicks), windowTicks) / (double)Stopwatch.Frequency;
        lock (latencyLock)
        {
            return new LoadResult(
                scheduled,
                Interlocked.Read(ref offered),
                acked,
                acked / span,
                latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(50) / 1000.0,
                latency.TotalCount == 0 ? double.NaN : latency.GetValueAtPercentile(99) / 1000.0);
        }
    }

    private async Task ProgressAsync(Stopwatch clock, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                Progress(phase, clock);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(LedgerSubmitStream stream, Identity identity, long dueTicks, Stopwatch clock, ChannelWriter<Identity> free, CancellationToken cancel)
    {
        var reuse = false;
        try
        {
            var reply = await stream.SubmitAsync(identity.Records[identity.Next++], cancel).ConfigureAwait(false);
            switch (reply.Outcome)
            {
                case SubmitOutcome.Accepted:
                    var now = clock.ElapsedTicks;
                    lock (latencyLock)
                    {
                        latency.RecordValue(Math.Min(MaxLatencyMicros, (now - dueTicks) * 1_000_000 / Stopwatch.Frequency));
                    }

                    Interlocked.Increment(ref accepted);
                    InterlockedMax(ref lastAckTicks, now);
                    reuse = true;
                    break;
                case SubmitOutcome.NotAdmitted:
                    // The mempool was full and the nonce is unused: the same record goes out again later.
                    Interlocked.Increment(ref notAdmitted);
                    identity.Next--;
                    reuse = true;
                    break;
                case SubmitOutcome.Rejected:
                    Interlocked.Increment(ref rejected);
                    identity.Retired = true;
                    break;
                default:
                    Interlocked.Increment(ref failed);
                    identity.Retired = true;
                    break;
            }
        }
        catch (Grpc.Core.RpcException)
        {
            // Unknown whether it committed, so the identity's next nonce is unknown: retire it.
            Interlocked.Increment(ref failed);
            identity.Retired = true;
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref failed);
            identity.Retired = true;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        if (reuse && identity.Next < identity.Records.Length)
        {
            free.TryWrite(identity);
        }
    }

    private async Task ExpectAcceptedAsync(int node, byte[] transaction, CancellationToken cancel)
    {
        var reply = await clients[node].SubmitAsync(transaction, cancel).ConfigureAwait(false);
        if (reply.Outcome != SubmitOutcome.Accepted)
        {
            throw new InvalidOperationException($"setup transaction was not accepted: {reply.Outcome} {reply.Reason}");
        }
    }

    private void Progress(string label, Stopwatch clock) =>
        output.WriteLine(FormattableString.Invariant(
            $"{label} t={clock.Elapsed.TotalSeconds:F0}s offered={Interlocked.Read(ref offered)} accepted={Interlocked.Read(ref accepted)} rejected={Interlocked.Read(ref rejected)} not_admitted={Interlocked.Read(ref notAdmitted)} failed={Interlocked.Read(ref failed)} in_flight={Interlocked.Read(ref inFlight)}"));

    internal static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>A subject's pre-signed records (nonces 1, 2, …), submitted in order to one validator.</summary>
    internal sealed class Identity(int node, byte[][] records)
    {
        public int Node { get; } = node;

        public byte[][] Records { get; } = records;

        public int Next { get; set; }

        /// <summary>Set when a record failed or its fate is unknown: the next nonce is then unknown too.</summary>
        public bool Retired { get; set; }

        /// <summary>Whether a later load (after a warm-up) can still use it.</summary>
        public bool Usable => !Retired && Next < Records.Length;
    }
}

/// <summary>
/// What the load achieved: records acknowledged per second over the window (or until the last acknowledgement) and
/// latency percentiles. Scheduled minus offered is the arrivals that found every identity still waiting for a commit.
/// </summary>
internal sealed record LoadResult(long Scheduled, long Offered, long Accepted, double RecordsPerSecond, double P50Milliseconds, double P99Milliseconds);
