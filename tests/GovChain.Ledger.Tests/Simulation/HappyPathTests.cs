using Xunit;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>Without faults the protocol commits about one block per round, a round being a few delivery times.</summary>
public sealed class HappyPathTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void FaultFreeNetworkCommitsSteadily(int validators)
    {
        var scenario = SimulationScenario.FromSeed(42, validators) with
        {
            Byzantine = [],
            Behaviours = [],
            ChaosTicks = 200,
            DropProbability = 0,
            DuplicateProbability = 0,
            ChaosMaxDelay = 1,
            CrashProbabilityPerTick = 0,
            PartitionProbabilityPerTick = 0,
        };

        var result = Simulation.Run(scenario);

        // One-tick delivery: a round is proposal + votes, two ticks, and every round commits its great-grandparent.
        Assert.True(result.CommittedHeight >= 80, $"only {result.CommittedHeight} blocks in 200 ticks: {result}");
    }
}

/// <summary>The same chaos, Byzantine behaviour and checks, with every vote, proposal and timeout SM2-signed and verified.</summary>
public sealed class Sm2SimulationTests
{
    [Theory]
    [InlineData(3, 4)]
    [InlineData(11, 4)]
    [InlineData(5, 7)]
    public void ChaoticRunsWithRealSm2Signatures(int seed, int validators)
    {
        var scenario = SimulationScenario.FromSeed(seed, validators) with { RealSm2 = true };
        var result = Simulation.Run(scenario);
        Assert.True(result.CommittedHeight > 0, result.ToString());
    }
}
