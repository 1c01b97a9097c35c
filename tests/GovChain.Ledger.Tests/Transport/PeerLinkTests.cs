using System.Net;
using System.Net.Sockets;
using GovChain.Ledger.Transport;
using Grpc.Net.Client;
using Xunit;

namespace GovChain.Ledger.Tests.Transport;

/// <summary>The outgoing side of a validator-to-validator link when its peer stops reading.</summary>
public sealed class PeerLinkTests
{
    /// <summary>
    /// A peer that accepts the connection and then reads nothing: the link's queue fills, each further message pushes
    /// out the oldest, and every such loss is counted (the status line reports it). The queue accepts the write either
    /// way, so the count must come from the drop itself. Then the peer goes away altogether, and the link still stops
    /// cleanly (it used to rethrow its last failure to connect, failing the node's shutdown).
    /// </summary>
    [Fact]
    public async Task MessagesPushedOutOfAFullQueueAreCountedAndTheLinkStopsWithItsPeerGone()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptSocketAsync().ConfigureAwait(false));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The listener stopped.
            }
        });

        var channel = GrpcChannel.ForAddress($"http://{silent.LocalEndpoint}");
        var link = new PeerLink(1, channel);
        link.Send(new byte[LedgerGrpc.MaxMessageBytes + 1]);
        Assert.Equal(1, link.Dropped); // too large to send at all

        const int Excess = 1000;
        for (var i = 0; i < PeerLink.QueueCapacity + Excess; i++)
        {
            link.Send(new byte[1024]);
        }

        // The pump may have taken a few messages towards the silent peer meanwhile; every other message beyond the
        // queue's capacity pushed out an older one.
        Assert.InRange(link.Dropped, 1 + Excess - 100, 1 + Excess);
        silent.Stop();
        await accepting;
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }

        await link.DisposeAsync();
    }
}
