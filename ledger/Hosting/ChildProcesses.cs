using System.Diagnostics;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Validator child processes started by <c>net up</c> or a test. Each child's stdin is a pipe it watches: when the
/// parent dies, the pipe closes and the child stops, so no validator outlives its supervisor. Output goes to a log
/// file per child.
/// </summary>
public sealed class ChildProcesses(string fileName, IReadOnlyList<string> argumentPrefix) : IDisposable
{
    /// <summary>
    /// The runtime sizes its youngest generation from the CPU's cache; where a VM reports none (this machine's does
    /// not) it falls back to a few hundred KiB: a process allocating 2 GB here collects about 980 times, and a validator
    /// under a batch load allocates ≈ 90 MB a second. Children get a 64 MiB floor unless the operator set one; the
    /// knob is read only from the environment, not from runtimeconfig.json.
    /// </summary>
    public const string Gen0BudgetVariable = "DOTNET_GCgen0size";

    public const string ValidatorGen0Budget = "0x4000000";

    private readonly Dictionary<int, Process> children = [];

    /// <summary>Starts (or restarts) child <paramref name="index"/> with <c>prefix ‖ args</c>, appending its output to <paramref name="logFile"/>.</summary>
    public Process Start(int index, IEnumerable<string> args, string logFile)
    {
        if (children.Remove(index, out var previous))
        {
            if (!previous.HasExited)
            {
                children[index] = previous;
                throw new InvalidOperationException($"child {index} is running");
            }

            previous.Dispose();
        }

        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in argumentPrefix.Concat(args))
        {
            info.ArgumentList.Add(a);
        }

        // An operator's own setting wins; otherwise see ValidatorGen0Budget.
        info.Environment.TryAdd(Gen0BudgetVariable, ValidatorGen0Budget);

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var writer = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        // The log closes when both streams have ended, not when the process exits: exit is reported before the last
        // lines are read, and closing then lost them.
        var openStreams = 2;
        void Receive(DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                writer.WriteLine(e.Data);
            }
            else if (Interlocked.Decrement(ref openStreams) == 0)
            {
                writer.Dispose();
            }
        }

        process.OutputDataReceived += (_, e) => Receive(e);
        process.ErrorDataReceived += (_, e) => Receive(e);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        children[index] = process;
        return process;
    }

    /// <summary>SIGKILL: the child gets no chance to flush or close anything.</summary>
    public void Kill(int index)
    {
        if (children.Remove(index, out var process))
        {
            KillAndWait(process);
        }
    }

    public bool IsRunning(int index) => children.TryGetValue(index, out var p) && !p.HasExited;

    public void Dispose()
    {
        foreach (var process in children.Values)
        {
            KillAndWait(process);
        }

        children.Clear();
    }

    private static void KillAndWait(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }
}
