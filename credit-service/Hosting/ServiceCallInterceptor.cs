using System.Diagnostics;
using GovChain.CreditService.Data;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace GovChain.CreditService.Hosting;

/// <summary>
/// Around every gRPC and transcoded REST call: turns the typed exceptions of the service layers into a status with a
/// one-line reason (never a stack trace), and counts and times the call by method and status.
/// </summary>
public sealed partial class ServiceCallInterceptor(ILogger<ServiceCallInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var mapped = Map(e);
            status = mapped.StatusCode;
            if (status == StatusCode.Internal)
            {
                LogUnexpected(logger, context.Method, e);
            }

            Activity.Current?.SetStatus(ActivityStatusCode.Error, mapped.Status.Detail);
            throw mapped;
        }
        finally
        {
            ServiceMetrics.CallCompleted(context.Method, status.ToString(), Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The status a failure is reported with.</summary>
    public static RpcException Map(Exception exception) => exception switch
    {
        RpcException rpc => rpc,
        AccessDeniedException e => Status(StatusCode.PermissionDenied, e.Message),
        MalformedInputException e => Status(StatusCode.InvalidArgument, e.Message),
        ResourceNotFoundException e => Status(StatusCode.NotFound, e.Message),
        MissingDataException e => Status(StatusCode.NotFound, e.Message),
        DataInputException e => Status(StatusCode.InvalidArgument, e.Message),
        LedgerUnavailableException e => Status(StatusCode.Unavailable, e.Message),
        OperationCanceledException => Status(StatusCode.Cancelled, "the call was cancelled"),
        _ => Status(StatusCode.Internal, "internal error; see the service log"),
    };

    private static RpcException Status(StatusCode code, string reason) => new(new Status(code, reason));

    [LoggerMessage(Level = LogLevel.Error, Message = "unexpected failure in {Method}")]
    private static partial void LogUnexpected(ILogger logger, string method, Exception exception);
}
