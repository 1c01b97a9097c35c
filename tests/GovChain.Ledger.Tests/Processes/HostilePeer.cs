using System.Security.Cryptography.X509Certificates;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Transport;
using Grpc.Core;
using Grpc.Net.Client;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>A Byzantine validator's transport: holds a real validator certificate and sends what it likes.</summary>
internal static class HostilePeer
{
    /// <summary>Sends <paramref name="messages"/> on one Deliver stream to validator <paramref name="target"/>, as validator <paramref name="self"/>.</summary>
    public static async Task<StatusCode> SendAsync(string root, int self, int target, IEnumerable<byte[]> messages)
    {
        var dir = NetworkLayout.ValidatorDirectory(root, self);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "tls.crt.pem")), File.ReadAllText(Path.Combine(dir, "tls.key.pem")));
        var config = NodeConfig.Load(NetworkLayout.ConfigPath(root, target));
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [certificate];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var channel = GrpcChannel.ForAddress($"https://{config.Endpoint(target)}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = false,
            MaxSendMessageSize = null,
        });
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(LedgerGrpc.Deliver, null, default);
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A server that refuses the stream can reset it while we are still writing; the write then fails locally
            // (often as Cancelled). The server's own verdict is the status the call finishes with, read below.
        }

        try
        {
            await call.ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
