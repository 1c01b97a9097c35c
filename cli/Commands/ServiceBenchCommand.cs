using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GovChain.Cli.Demo;
using GovChain.CreditService.Client;
using GovChain.CreditService.Data;
using GovChain.CreditService.Protos;
using GovChain.He;
using Google.Protobuf;
using HdrHistogram;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain bench service`: the demo's local network (4 validators, 3 agency service nodes as processes), subjects who
/// consented, and N concurrent bureau clients running scoring queries against the taxation agency's node for S
/// seconds — first end to end with BFV (encrypt the weights, score on ciphertext, record on the ledger, decrypt), then
/// the same path with plaintext scoring in place of HE. Prints QPS, p50 and p99 of each and the cost of privacy.
/// </summary>
internal static class ServiceBenchCommand
{
    public static Command Create()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent bureau clients", DefaultValueFactory = _ => 16 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of load for each of the two paths", DefaultValueFactory = _ => 30 };
        var subjects = new Option<int>("--subjects") { Description = "Consenting citizens the queries cycle through", DefaultValueFactory = _ => 48 };
        var command = new Command("service", "Encrypted scoring queries end to end against a local network, and the same path with plaintext scoring") { clients, seconds, subjects };
        command.SetAction(async (parse, cancel) =>
        {
            var n = parse.GetValue(clients);
            var s = parse.GetValue(seconds);
            var people = parse.GetValue(subjects);
            if (n is < 1 or > 256 || s is < 1 or > 3600 || people is < 2 or > 1000)
            {
                throw new CliInputException("--clients 1..256, --seconds 1..3600, --subjects 2..1000");
            }

            return await RunAsync(n, s, people, cancel).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(int clients, int seconds, int subjects, CancellationToken cancel)
    {
        var root = Path.Combine(Path.GetTempPath(), $"govchain-bench-service-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        try
        {
            using var network = DemoNetwork.Create(root, plaintextBaseline: true);
            using var demo = new DemoContext(network, SyntheticPopulation.Generate(7, subjects, 2), new DemoReport(), 7, root);
            await network.WaitForValidatorsAsync(DemoNetwork.StartupBudget).ConfigureAwait(false);
            DataStage.Run(demo);
            await network.StartServicesAsync(DemoNetwork.StartupBudget).ConfigureAwait(false);
            await EnrolmentStage.RegisterAsync(demo).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var citizens = demo.Citizens.ToArray();
            await Parallel.ForEachAsync(citizens, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = cancel }, async (c, ct) =>
                await ConsentQueryStage.GrantAsync(demo, c.Id, ConsentQueryStage.Model(c).Categories, now, ct).ConfigureAwait(false)).ConfigureAwait(false);
            Console.Out.WriteLine($"network up: 4 validators, 3 service nodes; {citizens.Length} consenting citizens; {clients} clients × {seconds} s per path");

            var keys = BureauScoringKeys.Generate(EncryptionParameters.BfvDefault(8192));
            var bureau = demo.Client(demo.Taxation, DemoContext.Bureau);
            var keyId = (await bureau.Queries.RegisterKeysAsync(new RegisterKeysRequest
            {
                Parameters = ByteString.CopyFrom(keys.ParametersBlob), PublicKey = ByteString.CopyFrom(keys.PublicKeyBlob), GaloisKeys = ByteString.CopyFrom(keys.GaloisKeysBlob),
            }, cancellationToken: cancel)).KeyId;
            var model = ConsentQueryStage.Model(citizens[0]);
            var weights = model.Features.Select((_, i) => (ulong)(1 + (i % 9))).ToArray();

            var encrypted = await MeasureAsync("encrypted", clients, seconds, citizens, async (subject, queryId, ct) =>
            {
                var reply = await bureau.Queries.RunAsync(new RunQueryRequest
                {
                    QueryId = queryId, ConsentId = ConsentQueryStage.ConsentId(subject), Subject = subject, ModelId = model.Id, KeyId = keyId,
                    EncryptedWeights = ByteString.CopyFrom(keys.EncryptWeights(weights)),
                }, cancellationToken: ct).ConfigureAwait(false);
                _ = keys.DecryptScore(reply.EncryptedScore.ToByteArray());
            }, cancel).ConfigureAwait(false);

            var plaintext = await MeasureAsync("plaintext", clients, seconds, citizens, async (subject, queryId, ct) =>
                await bureau.Queries.RunPlaintextAsync(new RunPlaintextQueryRequest
                {
                    QueryId = queryId, ConsentId = ConsentQueryStage.ConsentId(subject), Subject = subject, ModelId = model.Id, Weights = { weights },
                }, cancellationToken: ct).ConfigureAwait(false), cancel).ConfigureAwait(false);

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"privacy_cost qps_ratio={encrypted.Qps / plaintext.Qps:0.###} p50_ratio={encrypted.P50 / plaintext.P50:0.##} p99_ratio={encrypted.P99 / plaintext.P99:0.##}"));
            return encrypted.Failed + plaintext.Failed == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<PathResult> MeasureAsync(string name, int clients, int seconds, IReadOnlyList<SyntheticSubject> subjects,
        Func<string, string, CancellationToken, Task> query, CancellationToken cancel)
    {
        var latency = new LongHistogram(TimeSpan.FromMinutes(5).Ticks, 3);
        var gate = new Lock();
        long done = 0, failed = 0, next = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            while (clock.Elapsed < deadline && !cancel.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                var subject = subjects[(int)(n % subjects.Count)].Id;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await query(subject, $"bench-{name}-{n}", cancel).ConfigureAwait(false);
                    var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
                    lock (gate)
                    {
                        latency.RecordValue(elapsed);
                    }

                    Interlocked.Increment(ref done);
                }
                catch (Grpc.Core.RpcException e)
                {
                    Interlocked.CompareExchange(ref firstError, $"{e.StatusCode}: {e.Status.Detail}", null);
                    Interlocked.Increment(ref failed);
                }
            }
        }, cancel))).ConfigureAwait(false);
        var wall = clock.Elapsed.TotalSeconds;
        var p50 = latency.GetValueAtPercentile(50) / (double)TimeSpan.TicksPerMillisecond;
        var p99 = latency.GetValueAtPercentile(99) / (double)TimeSpan.TicksPerMillisecond;
        var qps = done / wall;
        var line = string.Create(CultureInfo.InvariantCulture, $"service_{name} clients={clients} queries={done} failed={failed} qps={qps:0.##} p50_ms={p50:0.#} p99_ms={p99:0.#}")
            + (firstError is null ? string.Empty : $" first_error=\"{firstError}\"");
        Console.Out.WriteLine(line);
        return new PathResult(line, qps, p50, p99, failed);
    }

    private sealed record PathResult(string Line, double Qps, double P50, double P99, long Failed);
}
