using System.Net;
using System.Reflection;
using GovChain.Crypto;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Prometheus;

namespace GovChain.CreditService.Hosting;

/// <summary>
/// Builds a credit-service node: Kestrel on 127.0.0.1 with an HTTP/2 port for gRPC (h2c) and an HTTP/1.1 port for
/// REST (JSON transcoding of the same services), the SM2 request-signature check before routing, OpenAPI at
/// /openapi, Prometheus metrics at /metrics, /healthz, and OpenTelemetry tracing (the trace id goes back to the
/// client in x-gc-trace-id and into the data directory's trace log with every ledger receipt).
/// </summary>
public static class CreditServiceHost
{
    /// <summary>Connects to the configured ledger network (registering recorder keys if needed) and builds the host.</summary>
    public static async Task<WebApplication> BuildAsync(ServiceOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        Sm2PrivateKey agencyKey;
        try
        {
            agencyKey = Sm2PrivateKey.FromPem(File.ReadAllText(options.AgencyKeyFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptoInputException)
        {
            throw new ServiceConfigException($"agency key {options.AgencyKeyFile}: {e.Message}");
        }

        var ledger = await BftLedgerAdapter.ConnectAsync(options.NetworkDirectory, options.ValidatorIndex, options.AgencyId, agencyKey,
            options.DataDirectory, options.Recorders, cancel).ConfigureAwait(false);
        try
        {
            var app = Build(options, ledger, TimeProvider.System);
            app.Lifetime.ApplicationStopped.Register(ledger.Dispose);
            return app;
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
    }

    /// <summary>Builds the host over a given ledger (the in-memory one in tests).</summary>
    public static WebApplication Build(ServiceOptions options, IAuditLedger ledger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        var limits = new BodyLimits(options.MaxBodyBytes, options.MaxKeyUploadBytes);
        var traceLog = new TraceLog(Path.Combine(options.DataDirectory, "traces.jsonl"));
        var traced = new TracedAuditLedger(ledger, traceLog);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Largest + 1024L;
            kestrel.Listen(IPAddress.Loopback, options.GrpcPort, l => l.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, options.RestPort, l => l.Protocols = HttpProtocols.Http1);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(clock);
        services.AddSingleton<IAuditLedger>(traced);
        services.AddSingleton(limits);
        services.AddSingleton(new NonceCache(TimeSpan.FromSeconds(options.MaxClockSkewSeconds)));
        services.AddSingleton<ActorDirectory>();
        services.AddSingleton(sp => new RequestVerifier(sp.GetRequiredService<ActorDirectory>(), sp.GetRequiredService<NonceCache>(), clock,
            TimeSpan.FromSeconds(options.MaxClockSkewSeconds)));
        services.AddSingleton<DenialRecorder>();
        services.AddSingleton<ServiceCallInterceptor>();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = limits.Largest;
            grpc.MaxSendMessageSize = null;
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<ServiceCallInterceptor>();
        }).AddJsonTranscoding();
        OpenApiDocument.Register(services);
        services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource(ServiceTelemetry.SourceName)
            .AddAspNetCoreInstrumentation()
            .AddProcessor(new SpanLogProcessor(Path.Combine(options.DataDirectory, "spans.jsonl"))));
        foreach (var module in Discover<IServiceModule>())
        {
            module.Register(services, options);
        }

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(traceLog.Dispose);
        app.Use(async (context, next) =>
        {
            context.Response.Headers[RequestHeaders.TraceId] = ServiceTelemetry.CurrentTraceId ?? context.TraceIdentifier;
            await next(context).ConfigureAwait(false);
        });
        app.UseRewriter(new RewriteOptions().AddRewrite("^openapi$", "openapi/v1.json", skipRemainingRules: true));
        app.UseMiddleware<SignedRequestMiddleware>();
        app.UseRouting();
        app.UseHttpMetrics();
        OpenApiDocument.Map(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapMetrics("/metrics");
        MapGrpcServices(app);
        return app;
    }

    /// <summary>The bound endpoints once started: the gRPC (HTTP/2) address first, then the REST (HTTP/1.1) one.</summary>
    public static (Uri Grpc, Uri Http) Endpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Urls.Select(u => new Uri(u)).ToArray();
        return addresses.Length == 2
            ? (addresses[0], addresses[1])
            : throw new InvalidOperationException("the service is not listening on its two endpoints");
    }

    private static void MapGrpcServices(WebApplication app)
    {
        var map = typeof(GrpcEndpointRouteBuilderExtensions).GetMethods()
            .Single(m => m.Name == nameof(GrpcEndpointRouteBuilderExtensions.MapGrpcService) && m.GetParameters().Length == 1);
        foreach (var service in typeof(CreditServiceHost).Assembly.GetTypes().Where(IsGrpcService))
        {
            map.MakeGenericMethod(service).Invoke(null, [app]);
        }
    }

    /// <summary>A concrete class deriving from a protoc-generated service base (which carries [BindServiceMethod]).</summary>
    private static bool IsGrpcService(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.BaseType?.GetCustomAttribute<BindServiceMethodAttribute>() is not null;

    private static IEnumerable<T> Discover<T>() =>
        typeof(CreditServiceHost).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(T).IsAssignableFrom(t))
            .Select(t => (T)Activator.CreateInstance(t)!);
}
