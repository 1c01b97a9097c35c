using System.Reflection;
using System.Runtime.InteropServices;

namespace GovChain.Ledger.Hosting;

/// <summary>How a host process stops (Ctrl-C, SIGTERM, or its parent's pipe closing) and how it re-launches itself.</summary>
public static class ProcessLifetime
{
    // Kept reachable: a collected registration stops handling the signal.
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>A token cancelled by Ctrl-C or SIGTERM, and also by end of stdin when <paramref name="watchStdin"/> is set.</summary>
    public static CancellationTokenSource StopSignals(bool watchStdin)
    {
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        lock (Registrations)
        {
            Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            }));
        }
        if (watchStdin)
        {
            _ = Task.Run(() =>
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (stdin.Read(buffer) > 0)
                {
                }

                stop.Cancel();
            });
        }

        return stop;
    }

    /// <summary>The executable and leading arguments that start this same program again (<c>dotnet app.dll</c> or the apphost).</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("unknown process path");
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? (process, [entry]) : (process, []);
    }
}
