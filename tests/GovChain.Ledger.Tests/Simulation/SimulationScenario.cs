namespace GovChain.Ledger.Tests.Simulation;

/// <summary>Everything a run does, drawn from its seed, so that a failing seed replays exactly.</summary>
internal sealed record SimulationScenario
{
    public required int Seed { get; init; }

    public required int Validators { get; init; }

    public required int[] Byzantine { get; init; }

    public required ByzantineBehaviour[] Behaviours { get; init; }

    public required int ChaosTicks { get; init; }

    public required double DropProbability { get; init; }

    public required double DuplicateProbability { get; init; }

    public required int ChaosMaxDelay { get; init; }

    public required double CrashProbabilityPerTick { get; init; }

    public required double PartitionProbabilityPerTick { get; init; }

    /// <summary>Sign with SM2 instead of the cheap simulator signature (slow; a few seeds only).</summary>
    public bool RealSm2 { get; init; }

    /// <summary>Nodes outside the genesis set that follow the chain; with a membership change one of them joins.</summary>
    /// <summary>Validators run with a stand-in transparency log, so votes carry head signatures and blocks quorum-signed heads.</summary>
    public bool SignedHeads { get; init; }

    public int Joiners { get; init; }

    /// <summary>The chaos tick at which a validator-set change (signed by 2f+1) is submitted, or -1 for none.</summary>
    public int MembershipChangeAtTick { get; init; } = -1;

    /// <summary>The genesis validator the membership change removes (the joiner takes its place).</summary>
    public int RemovedValidator { get; init; }

    public int MaxFaulty => (Validators - 1) / 3;

    /// <summary>After the heal, messages arrive within this many ticks and none is lost.</summary>
    public const int HealedMaxDelay = 3;

    public static SimulationScenario FromSeed(int seed, int validators, bool membershipChange = false)
    {
        var random = new Random(unchecked((seed * 7919) + validators + (membershipChange ? 104_729 : 0)));
        var f = (validators - 1) / 3;
        var byzantineCount = random.NextDouble() < 0.8 ? f : random.Next(0, f + 1);
        var byzantine = Enumerable.Range(0, validators).OrderBy(_ => random.Next()).Take(byzantineCount).Order().ToArray();
        var behaviours = byzantine
            .Select(_ => random.NextDouble() < 0.3 ? ByzantineBehaviour.All : (ByzantineBehaviour)random.Next(1, (int)ByzantineBehaviour.All + 1))
            .ToArray();
        var chaosTicks = random.Next(60, 220);

        // Squared so that many runs are mildly faulty and commit long chains under Byzantine pressure, and some are brutal.
        var intensity = random.NextDouble();
        intensity *= intensity;
        return new SimulationScenario
        {
            // From the seed's parity, not the random stream, so every other draw stays as it was.
            SignedHeads = seed % 2 == 0,
            Joiners = membershipChange ? 1 : 0,
            MembershipChangeAtTick = membershipChange ? random.Next(0, chaosTicks) : -1,
            RemovedValidator = random.Next(validators),
            Seed = seed,
            Validators = validators,
            Byzantine = byzantine,
            Behaviours = behaviours,
            ChaosTicks = chaosTicks,
            DropProbability = intensity * 0.3,
            DuplicateProbability = random.NextDouble() * 0.15,
            ChaosMaxDelay = random.Next(1, 12),
            CrashProbabilityPerTick = intensity * 0.03,
            PartitionProbabilityPerTick = intensity * 0.03,
        };
    }

    public override string ToString() =>
        $"seed={Seed} n={Validators} byzantine=[{string.Join(",", Byzantine.Zip(Behaviours, (i, b) => $"{i}:{b}"))}] " +
        $"chaos={ChaosTicks} drop={DropProbability:F2} dup={DuplicateProbability:F2} delay<={ChaosMaxDelay} " +
        $"crash/tick={CrashProbabilityPerTick:F3} partition/tick={PartitionProbabilityPerTick:F3}" +
        (MembershipChangeAtTick >= 0 ? $" change@{MembershipChangeAtTick}: -{RemovedValidator} +{Validators}" : "") +
        (SignedHeads ? " signed-heads" : "");
}
