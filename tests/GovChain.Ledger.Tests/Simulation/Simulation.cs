using System.Text;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>
/// Runs one seeded scenario: a chaotic phase (loss, duplication, delay, partitions, crash-restart, f Byzantine
/// validators), then a heal, and checks safety after every step and liveness within <see cref="LivenessBoundTicks"/>.
/// </summary>
internal sealed class Simulation
{
    internal static readonly ConsensusOptions Options = new()
    {
        BaseTimeoutTicks = 12,
        MaxTimeoutTicks = 48,
        BlockRequestRetryTicks = 6,
        MaxBlockTransactions = 50,
        // Four empty blocks at most, and only the tip once one carries a transaction: block sync and certificates of
        // older blocks are answered from the archive (the persisted chain).
        CommittedWindow = 4,
        CommittedWindowBytes = 1,
    };

    /// <summary>The clock reading at tick 0; a tick is one second of block time.</summary>
    private const long StartTime = 1_760_000_000;

    private readonly SimulationScenario scenario;
    private readonly Random random;
    private readonly SimNetwork network;
    private readonly ISimulationKeys keys;
    private readonly GenesisConfig genesis;
    private readonly ConsensusNode?[] nodes;
    private readonly ByzantineAdversary?[] adversaries;
    private readonly SimTreeHeads?[] heads;
    private readonly SimBlockArchive?[] archives;
    private readonly List<Block>[] persistedChains;
    private readonly SafetyState?[] persistedSafety;
    private readonly Block[]?[] persistedUncommitted;
    private readonly EpochChangeMessage[][] persistedEpochChanges;
    private readonly long[] restartAt;
    private readonly List<Block> canonical = [];
    private readonly List<byte[]> recentPayloads = [];
    private long partitionEndsAt = -1;
    private long now;

    private Simulation(SimulationScenario scenario)
    {
        this.scenario = scenario;
        random = new Random(scenario.Seed);
        network = new SimNetwork(random);
        var n = scenario.Validators + scenario.Joiners;
        keys = scenario.RealSm2 ? new Sm2SimulationKeys(n, scenario.Seed) : new SimKeys(n, scenario.Seed);
        genesis = new GenesisConfig("govchain-sim", new ValidatorSet(keys.PublicKeys.Take(scenario.Validators)));
        nodes = new ConsensusNode?[n];
        adversaries = new ByzantineAdversary?[n];
        heads = new SimTreeHeads?[n];
        archives = new SimBlockArchive?[n];
        persistedChains = new List<Block>[n];
        persistedSafety = new SafetyState?[n];
        persistedUncommitted = new Block[]?[n];
        persistedEpochChanges = new EpochChangeMessage[n][];
        restartAt = new long[n];
        canonical.Add(genesis.Block);
        for (var i = 0; i < n; i++)
        {
            persistedChains[i] = [genesis.Block];
            persistedEpochChanges[i] = [];
            restartAt[i] = -1;
            var b = Array.IndexOf(scenario.Byzantine, i);
            if (b >= 0)
            {
                adversaries[i] = new ByzantineAdversary(i, n, keys.SignerFor(i), genesis.ChainId, scenario.Behaviours[b], new Random(random.Next()));
            }
        }
    }

    /// <summary>Ticks from the heal within which every honest validator must commit a transaction submitted at the heal.</summary>
    /// <remarks>
    /// After the heal, honest validators reach a common round within one maximal timeout plus delivery; from there, at
    /// most f rounds with Byzantine leaders each cost one maximal timeout before three consecutive honest-led rounds
    /// (which exist in every rotation when n = 3f+1) commit; block fetching for restarted validators and the fourth
    /// round's certificate add a few delivery times; rounds before the transaction's leader may each wait out the idle
    /// proposal delay. The bound below is that sum with the retry interval per fetch.
    /// </remarks>
    public static int LivenessBoundTicks(int validators)
    {
        var f = (validators - 1) / 3;
        var roundCost = Options.MaxTimeoutTicks + (4 * SimulationScenario.HealedMaxDelay);
        return ((f + 5) * roundCost) + (4 * Options.BlockRequestRetryTicks) + (3 * Options.IdleProposalTicks);
    }

    public static SimulationResult Run(int seed, int validators, bool membershipChange = false) =>
        Run(SimulationScenario.FromSeed(seed, validators, membershipChange));

    public static SimulationResult Run(SimulationScenario scenario)
    {
        try
        {
            return new Simulation(scenario).Execute();
        }
        catch (SimulationFailureException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new SimulationFailureException($"{scenario}: unexpected {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
        }
    }

    private bool IsHonest(int i) => adversaries[i] is null;

    private SimulationResult Execute()
    {
        var n = nodes.Length;
        for (var i = 0; i < n; i++)
        {
            Start(i);
        }

        network.DropProbability = scenario.DropProbability;
        network.DuplicateProbability = scenario.DuplicateProbability;
        network.MaxDelay = scenario.ChaosMaxDelay;

        for (now = 0; now < scenario.ChaosTicks; now++)
        {
            if (now == scenario.MembershipChangeAtTick)
            {
                SubmitToHonest(MembershipChangeTransaction());
            }

            Step();
            Chaos();
        }

        Heal();
        if (scenario.MembershipChangeAtTick >= 0)
        {
            // Crashed nodes lost their pools; offer it again (nodes already past epoch 0 refuse it).
            SubmitToHonest(MembershipChangeTransaction());
        }

        var healedAt = now;
        var marker = Encoding.UTF8.GetBytes($"marker-{scenario.Seed}");
        SubmitToHonest(marker);

        var bound = LivenessBoundTicks(scenario.Validators);
        for (; ; now++)
        {
            Step();
            if (Enumerable.Range(0, n).Where(IsHonest).All(i => LiveAfterHeal(i, marker)))
            {
                return new SimulationResult(scenario, (int)(now - healedAt), canonical.Count - 1, network.Sent, canonical.Count(b => b.CertifiedHead is not null), archives.Sum(a => a?.Reads ?? 0));
            }

            if (now - healedAt > bound)
            {
                var heights = string.Join("; ", nodes.Select(node => node!.Describe()));
                throw new SimulationFailureException($"{scenario}: liveness — not every honest validator committed the marker within {bound} ticks of the heal ({heights})");
            }
        }
    }

    /// <summary>The marker is committed and, when the membership changed, a block of the new epoch is too.</summary>
    private bool LiveAfterHeal(int i, byte[] marker)
    {
        var chain = persistedChains[i];
        return chain.Any(b => b.Transactions.Any(t => t.AsSpan().SequenceEqual(marker))) &&
            (scenario.MembershipChangeAtTick < 0 || chain[^1].Epoch == 1);
    }

    private void SubmitToHonest(byte[] transaction)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            if (IsHonest(i))
            {
                nodes[i]?.Submit(transaction);
            }
        }
    }

    /// <summary>Replaces the removed genesis validator with the joiner, approved by the first 2f+1 genesis validators.</summary>
    private byte[] MembershipChangeTransaction()
    {
        var newSet = new ValidatorSet(keys.PublicKeys.Take(scenario.Validators).Where((_, i) => i != scenario.RemovedValidator).Append(keys.PublicKeys[scenario.Validators]));
        var approvals = Enumerable.Range(0, genesis.Validators.Quorum).Select(i => (i, keys.SignerFor(i)));
        return ValidatorSetChange.Create(genesis.ChainId, 0, newSet, approvals).Encode();
    }

    private void Step()
    {
        while (network.TryDequeue(now, out var envelope))
        {
            if (nodes[envelope.To] is { } node)
            {
                node.Receive(envelope.From, envelope.Payload);
                Flush(envelope.To);
            }
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is not { } node)
            {
                continue;
            }

            node.Tick(StartTime + now);
            if (random.NextDouble() < 0.2)
            {
                node.Submit(Encoding.UTF8.GetBytes($"tx-{scenario.Seed}-{now}-{i}"));
            }

            Flush(i);
            if (adversaries[i] is { } adversary)
            {
                foreach (var (to, payload) in adversary.OnTick(recentPayloads))
                {
                    network.Send(now, i, to, payload);
                }
            }
        }
    }

    private void Chaos()
    {
        var n = nodes.Length;
        for (var i = 0; i < n; i++)
        {
            if (nodes[i] is null && restartAt[i] == now)
            {
                Start(i);
            }
        }

        if (random.NextDouble() < scenario.CrashProbabilityPerTick)
        {
            var victim = random.Next(n);
            if (IsHonest(victim) && nodes[victim] is not null)
            {
                nodes[victim] = null;
                restartAt[victim] = now + random.Next(5, 80);
            }
        }

        if (network.Partition is not null && now >= partitionEndsAt)
        {
            network.Partition = null;
        }

        if (network.Partition is null && random.NextDouble() < scenario.PartitionProbabilityPerTick)
        {
            network.Partition = [.. Enumerable.Range(0, n).Select(_ => random.Next(2))];
            partitionEndsAt = now + random.Next(10, 100);
        }
    }

    private void Heal()
    {
        network.Partition = null;
        network.DropProbability = 0;
        network.MaxDelay = SimulationScenario.HealedMaxDelay;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is null)
            {
                Start(i);
            }
        }
    }

    /// <summary>Boots validator i from what it persisted (nothing on first start) and checks the restored prefix.</summary>
    private void Start(int i)
    {
        var identity = new NodeIdentity(keys.PublicKeys[i], i, nodes.Length, keys.SignerFor(i));
        var persisted = new PersistedConsensusState(AsStoreGivesIt(persistedChains[i]), persistedSafety[i], persistedUncommitted[i] ?? [], persistedEpochChanges[i]);
        heads[i] = scenario.SignedHeads ? new SimTreeHeads(persistedChains[i]) : null;
        var node = new ConsensusNode(genesis, identity, keys, Options, persisted, heads[i], archives[i] ??= new SimBlockArchive(persistedChains[i]));
        var restored = node.RecentCommittedBlocks.ToList();
        if (node.CommittedHeight != (ulong)(persistedChains[i].Count - 1) ||
            restored.Zip(persistedChains[i].TakeLast(restored.Count)).Any(pair => pair.First.Hash != pair.Second.Hash))
        {
            Fail($"validator {i} restarted with a committed chain that differs from what it persisted");
        }

        nodes[i] = node;
        restartAt[i] = -1;
        Flush(i);
    }

    /// <summary>What a validator's store hands its core on restart: genesis, the blocks carrying a validator-set change, the newest few.</summary>
    private static IEnumerable<Block> AsStoreGivesIt(List<Block> chain) =>
        chain.Where((block, height) => height == 0 || height >= chain.Count - Options.CommittedWindow || block.Transactions.Any(CarriesChange));

    private static bool CarriesChange(byte[] transaction)
    {
        try
        {
            return ValidatorSetChange.TryDecode(transaction) is not null;
        }
        catch (LedgerFormatException)
        {
            return false; // as the store indexes them: a malformed change is no change
        }
    }

        /// <summary>Persists the step's commits and safety state, checks them, then lets the outbox out (the host contract).</summary>
    private void Flush(int i)
    {
        var node = nodes[i]!;
        foreach (var block in node.DrainCommits())
        {
            if (IsHonest(i))
            {
                CheckCommit(i, block);
            }

            if (IsHonest(i) && block.CertifiedHead is { } signed && heads[i] is { } log && !log.Agrees(signed.Head))
            {
                Fail($"validator {i} committed a quorum-signed head at block {signed.Head.BlockHeight} that its own log never had");
            }

            persistedChains[i].Add(block);
            heads[i]?.Apply(block);
        }

        persistedSafety[i] = node.Safety;
        persistedUncommitted[i] = [.. node.UncommittedBlocks];
        if (node.EpochChanges.Count != persistedEpochChanges[i].Length)
        {
            persistedEpochChanges[i] = [.. node.EpochChanges];
        }
        node.DrainRejections();
        foreach (var outbound in node.DrainOutbox())
        {
            if (adversaries[i] is { } adversary)
            {
                foreach (var (to, payload) in adversary.Rewrite(outbound))
                {
                    network.Send(now, i, to, payload);
                }

                continue;
            }

            var bytes = outbound.Message.Encode();
            if (recentPayloads.Count < 64)
            {
                recentPayloads.Add(bytes);
            }
            else
            {
                recentPayloads[random.Next(64)] = bytes;
            }

            for (var to = 0; to < nodes.Length; to++)
            {
                if (to != i && (outbound.To is null || outbound.To == to))
                {
                    network.Send(now, i, to, bytes);
                }
            }
        }
    }

    private void CheckCommit(int i, Block block)
    {
        var chain = persistedChains[i];
        if (block.Height != (ulong)chain.Count || block.Parent != chain[^1].Hash)
        {
            Fail($"validator {i} committed height {block.Height} on top of its persisted height {chain.Count - 1}: the committed prefix changed");
        }

        if (block.Height < (ulong)canonical.Count)
        {
            if (canonical[(int)block.Height].Hash != block.Hash)
            {
                Fail($"safety — validator {i} committed {block.Hash} at height {block.Height}, another honest validator committed {canonical[(int)block.Height].Hash}");
            }
        }
        else
        {
            canonical.Add(block);
        }
    }

    private void Fail(string what) => throw new SimulationFailureException($"{scenario} tick={now}: {what}");
}
