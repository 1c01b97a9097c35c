using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace GovChain.CreditService.Security;

/// <summary>The verified actor of the current call, as <see cref="SignedRequestMiddleware"/> left it.</summary>
public static class ActorContext
{
    public static VerifiedActor VerifiedActor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[typeof(VerifiedActor)] as VerifiedActor
            ?? throw new InvalidOperationException("the request did not pass the signature middleware");
    }

    public static VerifiedActor VerifiedActor(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetHttpContext().VerifiedActor();
    }
}
