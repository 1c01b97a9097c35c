using GovChain.Ledger.Hosting;
using GovChain.TestSupport;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>
/// A network of real validator processes on 127.0.0.1 for a test: files from <see cref="NetworkLayout"/>, one child
/// process per validator (this assembly's <see cref="NodeHostProgram"/>), one client per validator. Disposing kills
/// every child, also when the test failed.
/// </summary>
internal sealed class ProcessCluster : IDisposable
{
    private readonly ChildProcesses children = new("dotnet", [typeof(NodeHostProgram).Assembly.Location, "node-host"]);
    private readonly LedgerClient?[] clients;

    public ProcessCluster(int validators)
    {
        Size = validators;
        Directory = new TempDirectory();
        NetworkLayout.Create(Directory.Path, validators, LoopbackPorts.FindFreeRun(validators), "process-test");
        clients = new LedgerClient?[validators];
        for (var i = 0; i < validators; i++)
        {
            Start(i);
        }
    }

    public int Size { get; }

    public TempDirectory Directory { get; }

    public string DataDirectory(int i) => Path.Combine(NetworkLayout.ValidatorDirectory(Directory.Path, i), "data");

    public string Log(int i) => Path.Combine(NetworkLayout.ValidatorDirectory(Directory.Path, i), "node.log");

    public LedgerClient Client(int i) => clients[i] ??= LedgerClient.ForNetwork(Directory.Path, i);

    public bool IsRunning(int i) => children.IsRunning(i);

    public void Start(int i) => children.Start(i, [NetworkLayout.ConfigPath(Directory.Path, i)], Log(i));

    public void Kill(int i) => children.Kill(i);

    public void KillAll()
    {
        for (var i = 0; i < Size; i++)
        {
            children.Kill(i);
        }
    }

    public void Dispose()
    {
        children.Dispose();
        foreach (var client in clients)
        {
            client?.Dispose();
        }

        Directory.Dispose();
    }
}
