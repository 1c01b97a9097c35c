using Grpc.Core;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Server side of <see cref="LedgerGrpc.Deliver"/>: the caller's validator index comes from its CA-issued client
/// certificate, never from the message; each message is offered to the node loop under that peer's limits.
/// </summary>
public sealed class ValidatorTransportService(NodeLoop loop, PeerCertificates certificates, NodeConfig config) : ValidatorTransportBase
{
    public override async Task<byte[]> Deliver(IAsyncStreamReader<byte[]> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var from = certificates.ValidatorIndex(context.GetHttpContext().Connection.ClientCertificate);
        if (from < 0 || from >= config.Validators.Count || from == config.Index)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "the client certificate names no other validator of this network"));
        }

        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            loop.OfferPeerMessage(from, requestStream.Current);
        }

        return [];
    }
}
