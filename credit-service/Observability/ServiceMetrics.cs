using Prometheus;

namespace GovChain.CreditService.Observability;

/// <summary>The Prometheus metrics served at /metrics (besides prometheus-net's HTTP metrics).</summary>
public static class ServiceMetrics
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "govchain_requests_total", "Service calls by method and gRPC status.", "method", "status");

    private static readonly Histogram RequestSeconds = Metrics.CreateHistogram(
        "govchain_request_seconds", "Service call latency by method.", new HistogramConfiguration
        {
            LabelNames = ["method"],
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
        });

    private static readonly Counter Refused = Metrics.CreateCounter(
        "govchain_requests_refused_total", "Requests refused by the signature check, by reason.", "reason");

    private static readonly Histogram LedgerSubmitSeconds = Metrics.CreateHistogram(
        "govchain_ledger_submit_seconds", "Time from ledger submission to commit, by outcome.", new HistogramConfiguration
        {
            LabelNames = ["outcome"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 14),
        });

    private static readonly Counter Queries = Metrics.CreateCounter(
        "govchain_queries_total", "Encrypted queries recorded on the ledger, by verdict.", "verdict");

    public static void CallCompleted(string method, string status, TimeSpan elapsed)
    {
        Requests.WithLabels(method, status).Inc();
        RequestSeconds.WithLabels(method).Observe(elapsed.TotalSeconds);
    }

    public static void RequestRefused(string reason) => Refused.WithLabels(reason.StartsWith("body exceeds", StringComparison.Ordinal) ? "body too large" : reason).Inc();

    public static void LedgerSubmitted(string outcome, TimeSpan elapsed) => LedgerSubmitSeconds.WithLabels(outcome).Observe(elapsed.TotalSeconds);

    /// <summary>Counts a recorded query by the ledger's verdict ("allowed" or "denied").</summary>
    public static void QueryRecorded(bool allowed) => Queries.WithLabels(allowed ? "allowed" : "denied").Inc();
}
