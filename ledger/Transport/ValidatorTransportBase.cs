using Grpc.Core;

namespace GovChain.Ledger.Transport;

/// <summary>Service contract of <see cref="LedgerGrpc.Deliver"/> (what protobuf codegen would emit): ASP.NET Core
/// binds the override of <see cref="Deliver"/> in the registered subclass.</summary>
[BindServiceMethod(typeof(ValidatorTransportBase), nameof(BindService))]
public abstract class ValidatorTransportBase
{
    public static void BindService(ServiceBinderBase binder, ValidatorTransportBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(LedgerGrpc.Deliver, service is null ? null : service.Deliver);
    }

    public abstract Task<byte[]> Deliver(IAsyncStreamReader<byte[]> requestStream, ServerCallContext context);
}
