using System.Runtime.CompilerServices;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transport;
using GovChain.TestSupport;
using Xunit;
using Xunit.Abstractions;
using static GovChain.Ledger.Tests.Processes.ProcessCrashTests;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>
/// A validator that was down while the others committed more than a peer frame's worth of batch blocks (about a
/// megabyte each) catches up when it returns, and agrees with the others. Before orphans were kept once each, the
/// overlapping block-sync answers filled its 256 orphan slots with copies and it stopped asking (one run in four).
/// </summary>
public sealed class BatchCatchUpTests(ITestOutputHelper output)
{
    private const int RecordsPerBatch = 800;
    private const int Services = 12;

    [Fact]
    public async Task AValidatorDownThroughABatchLoadCatchesUpWhenItReturns()
    {
        using var cluster = new ProcessCluster(4);
        var chainId = NodeConfigChainId(cluster);
        var target = 0L;
        try
        {
            await WaitUntil(cluster, async () => (await Statuses(cluster)).All(s => s is { Height: >= 2 }), TimeSpan.FromSeconds(60), "the cluster never started committing");

            // Agency 0 registers agency services (each signs its own batches, one in flight) so the load is heavy.
            var agency = Sm2PrivateKey.FromPem(await File.ReadAllTextAsync(Path.Combine(NetworkLayout.ValidatorDirectory(cluster.Directory.Path, 0), "agency.key.pem")));
            var services = Enumerable.Range(0, Services).Select(_ => Sm2PrivateKey.Generate()).ToArray();
            for (var i = 0; i < Services; i++)
            {
                var register = new RegisterParticipant($"service-{i}", ParticipantRole.Agency, services[i].PublicKey.ToUncompressed());
                var reply = await cluster.Client(0).SubmitAsync(LedgerTransaction.Sign(chainId, agency, (ulong)i, register).Encode(), CancellationToken.None);
                Assert.True(reply.Outcome == SubmitOutcome.Accepted, $"{reply.Outcome}: {reply.Reason}");
            }

            // The load runs until twice a frame's worth is committed (how long that takes depends on what else the
            // machine runs; ≈ 15 s alone), at most a minute.
            cluster.Kill(3);
            using var loadTime = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var committed = new StrongBox<long>();
            var loads = await Task.WhenAll(Enumerable.Range(0, Services).Select(i => Task.Run(() => Load(cluster, chainId, services[i], i, committed, loadTime))));
            target = loads.Max(l => l.Height);
            var missed = loads.Sum(l => l.Bytes);
            output.WriteLine($"the others reached height {target} with {missed:N0} bytes of batches while validator 3 was down");

            // More blocks to catch up on than one 16 MiB frame holds.
            Assert.True(missed > LedgerGrpc.MaxMessageBytes, $"only {missed} bytes of batches committed while validator 3 was down");

            cluster.Start(3);
            await WaitUntil(cluster, async () => (await Statuses(cluster))[3] is { } s && s.Height >= target, TimeSpan.FromSeconds(90),
                $"validator 3 did not catch up to height {target}");
        }
        finally
        {
            cluster.KillAll();
            output.WriteLine(string.Join('\n', File.ReadLines(cluster.Log(3)).TakeLast(6)));
        }

        // Each store as its next start recovers it: a killed node's derived records skip the WAL and may stop below its
        // stored blocks (docs/consensus.md §7), so its raw tip can even read −1.
        using var first = Recovered(cluster, 0);
        using var returned = Recovered(cluster, 3);
        var common = Math.Min(first.Height, returned.Height);
        Assert.True(common >= target, $"recovered heights {first.Height} and {returned.Height}, below {target}");
        Assert.Equal(first.Store.ReadBlock(common).Hash, returned.Store.ReadBlock(common).Hash);
        Assert.Equal(first.Store.ReadStateRoot(common), returned.Store.ReadStateRoot(common));
    }

    /// <summary>A service records batches of denials, one in flight, until told to stop; returns the last commit height and the bytes committed.</summary>
    private static async Task<(long Height, long Bytes)> Load(ProcessCluster cluster, Hash32 chainId, Sm2PrivateKey key, int service, StrongBox<long> committed, CancellationTokenSource stop)
    {
        var reason = new string('r', 450);
        var h = Hash32.Compute("request"u8);
        var (height, bytes) = (0L, 0L);
        for (var nonce = 0UL; !stop.IsCancellationRequested; nonce++)
        {
            var records = Enumerable.Range(0, RecordsPerBatch)
                .Select(i => (TransactionPayload)new RecordDenial($"s{service}-{nonce}-{i}", "bureau", "query", "subject", reason, h));
            var tx = LedgerTransaction.Sign(chainId, key, nonce, new RecordBatch(records)).Encode();
            var reply = await cluster.Client(service % 3).SubmitAsync(tx, CancellationToken.None);
            Assert.True(reply.Outcome == SubmitOutcome.Accepted, $"{reply.Outcome}: {reply.Reason}");
            height = reply.Height;
            bytes += tx.Length;
            if (Interlocked.Add(ref committed.Value, tx.Length) > 2L * LedgerGrpc.MaxMessageBytes)
            {
                await stop.CancelAsync();
            }
        }

        return (height, bytes);
    }
}
