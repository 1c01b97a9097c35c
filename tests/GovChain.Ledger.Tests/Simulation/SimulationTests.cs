using GovChain.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>
/// The default seeded runs. Each run checks safety after every step and liveness after the heal; a failure names its
/// seed, which <see cref="SimulationReplayTests"/> replays exactly.
/// </summary>
public sealed class SimulationFourValidatorTests(ITestOutputHelper output)
{
    [Fact]
    public void SixHundredSeedsWithOneByzantineValidator() => SimulationSuite.RunSeeds(0, 600, 4, output);
}

public sealed class SimulationSevenValidatorTests(ITestOutputHelper output)
{
    [Fact]
    public void FourHundredSeedsWithTwoByzantineValidators() => SimulationSuite.RunSeeds(0, 400, 7, output);
}

public sealed class SimulationMembershipTests(ITestOutputHelper output)
{
    [Fact]
    public void ValidatorSetChangesUnderChaosWithFourValidators() => SimulationSuite.RunSeeds(0, 150, 4, output, membershipChange: true);

    [Fact]
    public void ValidatorSetChangesUnderChaosWithSevenValidators() => SimulationSuite.RunSeeds(0, 100, 7, output, membershipChange: true);
}

public sealed class SimulationSoakTests(ITestOutputHelper output)
{
    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public void HundredThousandSeeds()
    {
        SimulationSuite.RunSeeds(1_000_000, 50_000, 4, output);
        SimulationSuite.RunSeeds(1_000_000, 30_000, 7, output);
        SimulationSuite.RunSeeds(1_000_000, 10_000, 4, output, membershipChange: true);
        SimulationSuite.RunSeeds(1_000_000, 10_000, 7, output, membershipChange: true);
    }
}

public sealed class SimulationReplayTests(ITestOutputHelper output)
{
    /// <summary>
    /// Replays one run: GOVCHAIN_SEED=1234 GOVCHAIN_VALIDATORS=7 [GOVCHAIN_MEMBERSHIP=1] dotnet test --filter ReplaysOneSeed.
    /// Without the variables it replays seed 1 with four validators.
    /// </summary>
    [Fact]
    public void ReplaysOneSeedFromEnvironment()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GOVCHAIN_SEED"), out var s) ? s : 1;
        var validators = int.TryParse(Environment.GetEnvironmentVariable("GOVCHAIN_VALIDATORS"), out var v) ? v : 4;
        var membership = Environment.GetEnvironmentVariable("GOVCHAIN_MEMBERSHIP") == "1";
        var first = Simulation.Run(seed, validators, membership);
        var second = Simulation.Run(seed, validators, membership);
        output.WriteLine(first.ToString());
        Assert.Equal((first.TicksToLiveness, first.CommittedHeight, first.MessagesSent), (second.TicksToLiveness, second.CommittedHeight, second.MessagesSent));
    }
}

internal static class SimulationSuite
{
    public static void RunSeeds(int firstSeed, int count, int validators, ITestOutputHelper output, bool membershipChange = false)
    {
        var failures = new List<string>();
        var worstLiveness = 0;
        long heights = 0;
        var signedHeadRuns = 0;
        var archiveRuns = 0;
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            try
            {
                var result = Simulation.Run(seed, validators, membershipChange);
                worstLiveness = Math.Max(worstLiveness, result.TicksToLiveness);
                heights += result.CommittedHeight;
                signedHeadRuns += result.SignedHeadBlocks > 0 ? 1 : 0;
                archiveRuns += result.ArchiveReads > 0 ? 1 : 0;
            }
            catch (SimulationFailureException ex)
            {
                failures.Add(ex.Message);
                if (failures.Count >= 5)
                {
                    break;
                }
            }
        }

        output.WriteLine($"n={validators}: {count} seeds from {firstSeed}; worst ticks to liveness after heal {worstLiveness} " +
            $"(bound {Simulation.LivenessBoundTicks(validators)}); mean committed height {heights / (double)count:F1}; " +
            $"runs whose chain carries a quorum-signed head {signedHeadRuns}; runs that read blocks past a core's window {archiveRuns}");
        // Half the seeds run validators with a log; most of those must get a quorum-signed head into the chain.
        Assert.True(failures.Count > 0 || signedHeadRuns >= count / 4, $"only {signedHeadRuns} of {count} runs committed a quorum-signed tree head");
        // Cores keep only their tip, so lagging and restarted validators sync from a peer's archive.
        Assert.True(failures.Count > 0 || archiveRuns >= count / 4, $"only {archiveRuns} of {count} runs read a block past a core's window");
        Assert.True(failures.Count == 0, "failing seeds (replay with GOVCHAIN_SEED / GOVCHAIN_VALIDATORS / GOVCHAIN_MEMBERSHIP):\n" + string.Join("\n", failures));
    }
}
