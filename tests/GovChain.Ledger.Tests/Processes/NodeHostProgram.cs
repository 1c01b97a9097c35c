using GovChain.Ledger.Hosting;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>
/// Entry point of this assembly when a process test starts it as a validator: <c>dotnet GovChain.Ledger.Tests.dll
/// node-host node.json</c> runs <see cref="ValidatorHost"/>, exactly what <c>govchain node run --watch-stdin</c> runs.
/// </summary>
public static class NodeHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["node-host", var config])
        {
            await Console.Error.WriteLineAsync("usage: node-host <node.json>").ConfigureAwait(false);
            return 2;
        }

        using var stop = ProcessLifetime.StopSignals(watchStdin: true);
        return await ValidatorHost.RunAsync(NodeConfig.Load(config), Console.Error, stop.Token).ConfigureAwait(false);
    }
}
