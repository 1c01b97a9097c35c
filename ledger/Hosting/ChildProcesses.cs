using System.Diagnostics;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Validator child processes started by <c>net up</c> or a test. Each child's stdin is a pipe it watches: when the
/// parent dies, the pipe closes and the child stops, so no validator outlives its supervisor. Output goes to a log
/// file per child.
/// </summary>
public sealed class ChildProcesses(string fileName, IReadOnlyList<string> argumentPrefix) : IDisposable
{
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

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var writer = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.Exited += (_, _) => writer.Dispose();
        process.EnableRaisingEvents = true;
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

    private static void Write(TextWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            writer.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
