using System.Net;
using System.Net.Sockets;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Runs of consecutive free ports on 127.0.0.1 for local networks (`demo`, benches, process tests). Starts are drawn
/// from a process-wide random source, never from a scenario's seed: two networks started at once with the same seed
/// would otherwise probe the same run and race to bind it. The range stays below Linux's ephemeral ports (32768 and
/// up), which outgoing connections of any process can take at any moment.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 15_000;
    private const int HighestExclusive = 32_700;

    public static int FindFreeRun(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 256);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(Lowest, HighestExclusive - count);
            if (AllBind(start, count))
            {
                return start;
            }
        }

        throw new IOException($"no run of {count} free loopback ports found in {Lowest}..{HighestExclusive}");
    }

    // Holds every port of the run at once, so a run that is only partly free is never returned.
    private static bool AllBind(int start, int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var port = start; port < start + count; port++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listeners.Add(listener);
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
