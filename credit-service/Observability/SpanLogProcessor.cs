using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenTelemetry;

namespace GovChain.CreditService.Observability;

/// <summary>
/// Writes every finished span to a JSON Lines file (spans.jsonl in the data directory): the trace a client's
/// x-gc-trace-id names can be read back span by span (request, authenticate, authorize, work, ledger.submit).
/// </summary>
public sealed class SpanLogProcessor(string path) : BaseProcessor<Activity>
{
    private readonly JsonLinesFile file = new(path);

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var span = new SpanEntry(data.StartTimeUtc, data.TraceId.ToHexString(), data.SpanId.ToHexString(),
            data.ParentSpanId == default ? null : data.ParentSpanId.ToHexString(), data.DisplayName, data.Duration.TotalMilliseconds,
            data.Status.ToString(), data.TagObjects.Where(t => t.Key.StartsWith("govchain.", StringComparison.Ordinal) || t.Key.StartsWith("http.", StringComparison.Ordinal))
                .ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        file.Append(JsonSerializer.SerializeToUtf8Bytes(span, SpanLogJson.Default.SpanEntry));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>One line of the span log.</summary>
public sealed record SpanEntry(
    [property: JsonPropertyName("start")] DateTime Start,
    [property: JsonPropertyName("trace_id")] string TraceId,
    [property: JsonPropertyName("span_id")] string SpanId,
    [property: JsonPropertyName("parent_id")] string? ParentId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("milliseconds")] double Milliseconds,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("tags")] Dictionary<string, string> Tags);

[JsonSerializable(typeof(SpanEntry))]
internal sealed partial class SpanLogJson : JsonSerializerContext;
