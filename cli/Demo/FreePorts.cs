using System.Net;
using System.Net.Sockets;

namespace GovChain.Cli.Demo;

/// <summary>Finds a run of consecutive loopback ports nobody listens on, so the demo never collides with other software.</summary>
internal static class FreePorts
{
    public static int FindRun(int count, Random random)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = random.Next(20_000, 60_000 - count);
            if (Enumerable.Range(start, count).All(IsFree))
            {
                return start;
            }
        }

        throw new IOException($"no run of {count} free loopback ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
