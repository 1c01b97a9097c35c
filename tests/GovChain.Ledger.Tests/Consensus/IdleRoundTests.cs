using GovChain.Ledger.Consensus;
using Xunit;
using Xunit.Abstractions;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>
/// Idle rounds (docs/consensus.md §4) with the production options (a tick is 50 ms): the wait before an empty block
/// backs off while nothing happens, no idle round times out, and a validator holding a transaction wakes the leader.
/// </summary>
public sealed class IdleRoundTests(ITestOutputHelper log)
{
    private static readonly ConsensusOptions Options = new();

    /// <summary>Ticks for the waits to reach their cap from a fresh chain, with room to spare.</summary>
    private const int QuietTicks = 2_000;

    [Fact]
    public void AnIdleNetworkBacksOffToOneBlockPerCappedWaitWithoutTimingOut()
    {
        var cluster = new Cluster();
        cluster.Run(QuietTicks + 4_000);

        // One block every four ticks plus delivery without the back-off: about a thousand over these 6,000 (five minutes).
        var commits = cluster.CommitTicks(0);
        log.WriteLine($"{commits.Count} blocks committed in {QuietTicks + 4_000} ticks, at {string.Join(", ", commits)}");
        Assert.InRange(commits.Count, 10, 60);
        var late = commits.Where(t => t > QuietTicks).ToList();
        Assert.All(late.Zip(late.Skip(1)), gap => Assert.True(gap.Second - gap.First >= Options.MaxIdleProposalTicks, $"blocks {gap.First} → {gap.Second}"));
        Assert.Equal(0, cluster.Sent<TimeoutMessage>());
        Assert.Equal(0, cluster.Sent<WakeMessage>());
        Assert.All(Enumerable.Range(1, 3), i => Assert.InRange(cluster.CommitTicks(i).Count, commits.Count - 1, commits.Count + 1));
    }

    [Fact]
    public void ATransactionAtANodeThatDoesNotLeadWakesTheLeader()
    {
        var cluster = new Cluster();
        cluster.Run(QuietTicks);
        // The holder leads two rounds later, so the two rounds before it must be woken.
        var holder = (cluster.Nodes[0].Validators.LeaderOf(cluster.Nodes[0].CurrentRound) + 2) % 4;

        var ticks = cluster.SubmitAndRunUntilCommitted(holder, "wake"u8.ToArray(), 4 * Options.MaxIdleProposalTicks);
        log.WriteLine($"committed everywhere {ticks} ticks after the submission; {cluster.Sent<WakeMessage>()} wakes");

        // At most three rounds until the holder leads, each the short wait plus delivery, then three to commit.
        Assert.True(ticks <= 6 * (Options.IdleProposalTicks + 3), $"committed after {ticks} ticks");
        Assert.True(cluster.Sent<WakeMessage>() > 0);
        Assert.Equal(0, cluster.Sent<TimeoutMessage>());
    }

    [Fact]
    public void ALeaderLostDuringTheQuietIsTimedOutOnceATransactionArrives()
    {
        var cluster = new Cluster();
        cluster.Run(QuietTicks);
        var leader = cluster.Nodes[0].Validators.LeaderOf(cluster.Nodes[1].CurrentRound);
        cluster.Down[leader] = true;
        var holder = (leader + 1) % 4;

        var ticks = cluster.SubmitAndRunUntilCommitted(holder, "lost leader"u8.ToArray(), 4 * Options.MaxIdleProposalTicks);
        log.WriteLine($"committed by the live nodes {ticks} ticks after the submission; {cluster.Sent<TimeoutMessage>()} timeouts");

        // The woken replicas time out after the base timeout, not after the backed-off wait on top of it; the holder
        // leads the next round and proposes on the TC, and three short rounds commit.
        Assert.True(ticks <= Options.BaseTimeoutTicks + (4 * (Options.IdleProposalTicks + 3)), $"committed after {ticks} ticks");
        Assert.True(cluster.Sent<TimeoutMessage>() > 0);
    }

    /// <summary>Four validators; every message is encoded, and decoded by its receivers on the next tick.</summary>
    private sealed class Cluster
    {
        private const long StartTime = 1_760_000_000;
        private readonly List<(long At, int From, int To, byte[] Payload)> inFlight = [];
        private readonly List<long>[] commitTicks = [[], [], [], []];
        private readonly Dictionary<Type, int> sent = [];
        private readonly List<Block>[] committed = [[], [], [], []];
        private long now;

        public Cluster()
        {
            var fixture = new ConsensusFixture();
            Nodes = [.. Enumerable.Range(0, 4).Select(i => fixture.Node(i, options: Options))];
        }

        public ConsensusNode[] Nodes { get; }

        public bool[] Down { get; } = new bool[4];

        public List<long> CommitTicks(int node) => commitTicks[node];

        public int Sent<T>() => sent.GetValueOrDefault(typeof(T));

        public void Run(int ticks)
        {
            for (var end = now + ticks; now < end;)
            {
                Step();
            }
        }

        /// <summary>Submits to one node and steps until every live node has committed it; returns the ticks taken.</summary>
        public long SubmitAndRunUntilCommitted(int node, byte[] transaction, int limit)
        {
            var start = now;
            Assert.True(Nodes[node].Submit(transaction));
            Flush(node);
            while (Enumerable.Range(0, 4).Any(i => !Down[i] && !committed[i].Any(b => b.Transactions.Any(t => t.AsSpan().SequenceEqual(transaction)))))
            {
                Assert.True(now - start < limit, $"not committed within {limit} ticks: {string.Join("; ", Nodes.Select(n => n.Describe()))}");
                Step();
            }

            return now - start;
        }

        private void Step()
        {
            now++;
            var due = inFlight.Where(m => m.At <= now).ToList();
            inFlight.RemoveAll(m => m.At <= now);
            foreach (var (_, from, to, payload) in due)
            {
                if (!Down[to])
                {
                    Nodes[to].Receive(from, payload);
                    Flush(to);
                }
            }

            for (var i = 0; i < 4; i++)
            {
                if (!Down[i])
                {
                    Nodes[i].Tick(StartTime + (now / 20));
                    Flush(i);
                }
            }
        }

        private void Flush(int from)
        {
            foreach (var block in Nodes[from].DrainCommits())
            {
                committed[from].Add(block);
                commitTicks[from].Add(now);
            }

            foreach (var (to, message) in Nodes[from].DrainOutbox())
            {
                sent[message.GetType()] = sent.GetValueOrDefault(message.GetType()) + 1;
                var payload = message.Encode();
                foreach (var peer in to is { } one ? [one] : Enumerable.Range(0, 4).Where(p => p != from))
                {
                    inFlight.Add((now + 1, from, peer, payload));
                }
            }
        }
    }
}
