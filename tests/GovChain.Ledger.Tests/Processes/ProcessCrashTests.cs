using System.Collections.Concurrent;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;
using GovChain.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>
/// Four validator processes on loopback, talking gRPC over mutual TLS, under a steady load of self-registrations.
/// Validators are SIGKILLed at seeded random moments and restarted; afterwards every node holds the same blocks,
/// state roots and log prefix, and every acknowledged record is committed and accepted on every node.
/// </summary>
public sealed class ProcessCrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task KilledValidatorsCatchUpAndKeepEveryAcknowledgedRecord() => Run(seed: 1, kills: 3);

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public Task ThirtyKillsUnderLoad() => Run(seed: 2, kills: 30);

    private async Task Run(int seed, int kills)
    {
        using var cluster = new ProcessCluster(4);
        var chainId = NodeConfigChainId(cluster);
        var random = new Random(seed);
        var acknowledged = new ConcurrentDictionary<Hash32, long>();
        using var stopLoad = new CancellationTokenSource();
        try
        {
            await WaitUntil(cluster, async () => (await Statuses(cluster)).All(s => s is { Height: >= 2 }), TimeSpan.FromSeconds(60), "the cluster never started committing");
            var load = Enumerable.Range(0, 4).Select(w => Task.Run(() => Load(cluster, chainId, w, acknowledged, stopLoad.Token))).ToArray();

            // Validator 3 turns hostile towards validator 0: a flood of garbage, then a frame over the size limit.
            var garbage = Enumerable.Range(0, 3000).Select(i => random.GetItems<byte>([0, 1, 2, 3, 4, 5, 0xff], 1 + (i % 300))).ToList();
            Assert.Equal(Grpc.Core.StatusCode.OK, await HostilePeer.SendAsync(cluster.Directory.Path, 3, 0, garbage));
            var oversized = await HostilePeer.SendAsync(cluster.Directory.Path, 3, 0, [new byte[LedgerGrpc.MaxMessageBytes + 1]]);
            Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, oversized);
            for (var k = 0; k < kills; k++)
            {
                await Task.Delay(random.Next(500, 2500));
                var victim = random.Next(cluster.Size);
                cluster.Kill(victim);
                await Task.Delay(random.Next(200, 1500));
                cluster.Start(victim);
            }

            await Task.Delay(1000);
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(acknowledged.Count >= 10, $"only {acknowledged.Count} records were acknowledged");
            var target = acknowledged.Values.Max();
            await WaitUntil(cluster, async () => (await Statuses(cluster)).All(s => s is not null && s.Height >= target), TimeSpan.FromSeconds(90),
                $"not every validator reached height {target}");
        }
        finally
        {
            await stopLoad.CancelAsync();
            cluster.KillAll();
            for (var i = 0; i < cluster.Size; i++)
            {
                output.WriteLine(string.Join('\n', File.ReadLines(cluster.Log(i)).TakeLast(4)));
            }
        }

        Assert.Contains(File.ReadLines(cluster.Log(0)), line => line.StartsWith("rejected", StringComparison.Ordinal) && line.Contains("peer 3: malformed", StringComparison.Ordinal));
        CompareStores(cluster, acknowledged);
        output.WriteLine($"acknowledged {acknowledged.Count} records through {kills} kills");
    }

    private static async Task Load(ProcessCluster cluster, Hash32 chainId, int worker, ConcurrentDictionary<Hash32, long> acknowledged, CancellationToken stop)
    {
        var random = new Random(1000 + worker);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var key = Sm2PrivateKey.Generate();
            var tx = LedgerTransaction.Sign(chainId, key, 0, new RegisterParticipant($"w{worker}-{n}", ParticipantRole.Subject, key.PublicKey.ToUncompressed())).Encode();
            var node = random.Next(cluster.Size);
            try
            {
                var reply = await cluster.Client(node).SubmitAsync(tx, stop);
                if (reply.Outcome == SubmitOutcome.Accepted)
                {
                    acknowledged[Hash32.Compute(tx)] = reply.Height;
                }
                else
                {
                    Assert.NotEqual(SubmitOutcome.Rejected, reply.Outcome);
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // The node is down or went down while we waited: the record was not acknowledged.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    /// <summary>A stopped validator's ledger as its next start recovers it (the stored blocks above its derived records applied again).</summary>
    internal static CommittedLedger Recovered(ProcessCluster cluster, int validator)
    {
        var config = Hosting.NodeConfig.Load(Hosting.NetworkLayout.ConfigPath(cluster.Directory.Path, 0));
        var agencies = config.Agencies.Select(a => (a.Id, Convert.FromHexString(a.PublicKey))).ToArray();
        return CommittedLedger.Open(cluster.DataDirectory(validator), config.Genesis(), new Signing.Sm2SignatureVerifier(), agencies);
    }

    /// <summary>Each killed node's store as its next start recovers it, compared across nodes and against the acknowledgements.</summary>
    private static void CompareStores(ProcessCluster cluster, ConcurrentDictionary<Hash32, long> acknowledged)
    {
        var ledgers = Enumerable.Range(0, cluster.Size).Select(i => Recovered(cluster, i)).ToArray();
        var stores = ledgers.Select(l => l.Store).ToArray();
        try
        {
            var common = stores.Min(s => s.TipHeight);
            Assert.True(common >= acknowledged.Values.Max());
            for (var h = 0L; h <= common; h++)
            {
                var hash = stores[0].ReadBlock(h).Hash;
                var root = stores[0].ReadStateRoot(h);
                foreach (var store in stores.Skip(1))
                {
                    Assert.Equal(hash, store.ReadBlock(h).Hash);
                    Assert.Equal(root, store.ReadStateRoot(h));
                }
            }

            // The shortest log is a prefix of every other, and each store's own head matches its log.
            var logs = stores.Select(s => (Store: s, Log: Rebuild(s))).ToArray();
            foreach (var (store, log) in logs)
            {
                var head = store.ReadTreeHead()!;
                Assert.Equal((head.TreeSize, head.RootHash), (log.Size, log.Root));
            }

            var shortest = logs.MinBy(l => l.Log.Size).Log;
            Assert.All(logs, l => Assert.Equal(shortest.Root, l.Log.RootAt(shortest.Size)));

            foreach (var store in stores)
            {
                foreach (var id in acknowledged.Keys)
                {
                    var record = store.ReadTransactionRecord(id);
                    Assert.NotNull(record);
                    var reader = new CanonicalReader(record);
                    _ = (reader.ReadUInt64(), reader.ReadUInt32(), reader.ReadInt64());
                    Assert.True(reader.ReadBool(), "an acknowledged record was not accepted");
                }
            }
        }
        finally
        {
            foreach (var ledger in ledgers)
            {
                ledger.Dispose();
            }
        }
    }

    private static MerkleTree Rebuild(LedgerStore store)
    {
        var log = new MerkleTree();
        foreach (var leaf in store.LeafHashes())
        {
            log.AppendLeafHash(leaf);
        }

        return log;
    }

    internal static async Task<NodeStatus?[]> Statuses(ProcessCluster cluster) =>
        await Task.WhenAll(Enumerable.Range(0, cluster.Size).Select(async i =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                return await cluster.Client(i).StatusAsync(timeout.Token);
            }
            catch (Grpc.Core.RpcException)
            {
                return null;
            }
        }));

    internal static async Task WaitUntil(ProcessCluster cluster, Func<Task<bool>> condition, TimeSpan limit, string failure)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                var logs = string.Join("\n", Enumerable.Range(0, cluster.Size).Select(i => $"[{i}] " + string.Join(" | ", File.ReadLines(cluster.Log(i)).TakeLast(3))));
                Assert.Fail(failure + "\n" + logs);
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }

    internal static Hash32 NodeConfigChainId(ProcessCluster cluster) =>
        Hosting.NodeConfig.Load(Hosting.NetworkLayout.ConfigPath(cluster.Directory.Path, 0)).Genesis().ChainId;
}
