using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GovChain.CreditService.Security;

/// <summary>
/// Verifies every request's SM2 signature before routing, for gRPC (the body is the gRPC frames) and REST (the JSON)
/// alike, and puts the <see cref="VerifiedActor"/> in <see cref="HttpContext.Items"/>. Refusals never reach a
/// service: gRPC gets a trailers-only status, REST a JSON {code, reason} with 401, 413 or 503.
/// </summary>
public sealed class SignedRequestMiddleware(RequestDelegate next, RequestVerifier verifier, BodyLimits limits)
{
    private static readonly string[] OpenPaths = ["/healthz", "/metrics", "/openapi"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        if (OpenPaths.Any(p => path.Equals(p, StringComparison.Ordinal) || path.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        try
        {
            using var activity = ServiceTelemetry.Source.StartActivity("authenticate");
            var body = await ReadBodyAsync(context, limits.For(path)).ConfigureAwait(false);
            var headers = context.Request.Headers;
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + context.Request.QueryString;
            var parts = new SignedRequestParts(context.Request.Method, rawTarget, headers[RequestHeaders.Actor], headers[RequestHeaders.Timestamp],
                headers[RequestHeaders.Nonce], headers[RequestHeaders.Signature]);
            var actor = await verifier.VerifyAsync(parts, body, () => SelfRegistrationKey.Find(context.Request.Method, path, isGrpc, body, parts.Actor!),
                context.RequestAborted).ConfigureAwait(false);
            activity?.SetTag("govchain.actor", actor.Id);
            context.Items[typeof(VerifiedActor)] = actor;
            context.Request.Body = MemoryMarshal.TryGetArray(body, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(body.ToArray(), writable: false);
        }
        catch (RequestAuthenticationException e)
        {
            ServiceMetrics.RequestRefused(e.Message);
            await RefuseAsync(context, isGrpc, e.Refusal, e.Message).ConfigureAwait(false);
            return;
        }
        catch (LedgerUnavailableException e)
        {
            ServiceMetrics.RequestRefused("ledger unavailable");
            await RefuseAsync(context, isGrpc, RequestRefusal.Unavailable, e.Message).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            throw new RequestAuthenticationException(RequestRefusal.TooLarge, $"body exceeds {limit} bytes");
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(context.Request.ContentLength ?? 4096, limit) + 1);
        var stream = context.Request.Body;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.GetMemory(16 * 1024), context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw new RequestAuthenticationException(RequestRefusal.TooLarge, $"body exceeds {limit} bytes");
            }
        }
    }

    private static async Task RefuseAsync(HttpContext context, bool isGrpc, RequestRefusal refusal, string reason)
    {
        var response = context.Response;
        if (isGrpc)
        {
            // Trailers-only response: the status travels in the headers of an empty HTTP/2 response.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)GrpcCode(refusal)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(reason);
            await response.CompleteAsync().ConfigureAwait(false);
            return;
        }

        response.StatusCode = refusal switch
        {
            RequestRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
            RequestRefusal.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status401Unauthorized,
        };
        response.ContentType = "application/json";
        var code = GrpcCode(refusal) switch
        {
            Grpc.Core.StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
            Grpc.Core.StatusCode.Unavailable => "UNAVAILABLE",
            _ => "UNAUTHENTICATED",
        };
        await JsonSerializer.SerializeAsync(response.Body, new RefusalBody(code, reason), RefusalJson.Default.RefusalBody, context.RequestAborted).ConfigureAwait(false);
    }

    private static Grpc.Core.StatusCode GrpcCode(RequestRefusal refusal) => refusal switch
    {
        RequestRefusal.TooLarge => Grpc.Core.StatusCode.ResourceExhausted,
        RequestRefusal.Unavailable => Grpc.Core.StatusCode.Unavailable,
        _ => Grpc.Core.StatusCode.Unauthenticated,
    };
}
