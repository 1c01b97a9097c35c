using System.Diagnostics;

namespace GovChain.CreditService.Observability;

/// <summary>
/// The service's OpenTelemetry source: spans "authenticate", "authorize", the services' own work (e.g. "he.score",
/// "zk.verify") and "ledger.submit", all children of the ASP.NET Core request span, so one trace id follows a request
/// from arrival to the ledger commit.
/// </summary>
public static class ServiceTelemetry
{
    public const string SourceName = "GovChain.CreditService";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current trace id in W3C hex, or null outside a traced request.</summary>
    public static string? CurrentTraceId => Activity.Current is { } a ? a.TraceId.ToHexString() : null;
}
