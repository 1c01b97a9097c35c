using GovChain.Ledger.Hosting;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.Ledger.Tests.Processes;

public sealed class ChildProcessesTests
{
    [Fact]
    public void ValidatorsGetTheYoungGenerationFloorAndTheirOwnLogs()
    {
        using var dir = new TempDirectory();
        var log = Path.Combine(dir.Path, "child.log");
        using (var children = new ChildProcesses("/bin/sh", ["-c"]))
        {
            var child = children.Start(0, [$"echo \"gen0=${ChildProcesses.Gen0BudgetVariable}\""], log);
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the child did not exit");
            child.WaitForExit(); // drains the redirected output into the log
        }

        var expected = Environment.GetEnvironmentVariable(ChildProcesses.Gen0BudgetVariable) ?? ChildProcesses.ValidatorGen0Budget;
        Assert.Equal($"gen0={expected}", File.ReadAllText(log).Trim());
    }
}
