using Grpc.Core;

namespace GovChain.Ledger.Transport;

/// <summary>Service contract of the client API (<see cref="LedgerGrpc.Submit"/>, <see cref="LedgerGrpc.SubmitStream"/>, <see cref="LedgerGrpc.Status"/>,
/// <see cref="LedgerGrpc.Trail"/>, <see cref="LedgerGrpc.Lookup"/>); ASP.NET Core binds the overrides in the registered subclass.</summary>
[BindServiceMethod(typeof(ClientApiBase), nameof(BindService))]
public abstract class ClientApiBase
{
    public static void BindService(ServiceBinderBase binder, ClientApiBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(LedgerGrpc.Submit, service is null ? null : service.Submit);
        binder.AddMethod(LedgerGrpc.SubmitStream, service is null ? null : service.SubmitStream);
        binder.AddMethod(LedgerGrpc.Status, service is null ? null : service.Status);
        binder.AddMethod(LedgerGrpc.TrailServed, service is null ? null : service.Trail);
        binder.AddMethod(LedgerGrpc.Lookup, service is null ? null : service.Lookup);
    }

    public abstract Task<byte[]> Submit(byte[] request, ServerCallContext context);

    public abstract Task SubmitStream(IAsyncStreamReader<byte[]> requests, IServerStreamWriter<byte[]> replies, ServerCallContext context);

    public abstract Task<byte[]> Status(byte[] request, ServerCallContext context);

    public abstract Task<EncodedReply> Trail(byte[] request, ServerCallContext context);

    public abstract Task<byte[]> Lookup(byte[] request, ServerCallContext context);
}
