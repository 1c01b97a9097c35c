using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovChain.CreditService.Observability;

/// <summary>
/// An append-only JSON Lines file in the data directory: one line per ledger receipt with the trace id of the request
/// that caused it, so a trace can be followed from the client's x-gc-trace-id to the committed block and leaf. Each
/// line is written whole and flushed; a reader skips a torn last line after a crash.
/// </summary>
public sealed class TraceLog(string path) : IDisposable
{
    private readonly JsonLinesFile file = new(path);

    public string Path => file.Path;

    public void Append(TraceEntry entry) => file.Append(JsonSerializer.SerializeToUtf8Bytes(entry, TraceLogJson.Default.TraceEntry));

    public void Dispose() => file.Dispose();
}

/// <summary>One line of the <see cref="TraceLog"/>.</summary>
public sealed record TraceEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("trace_id")] string? TraceId,
    [property: JsonPropertyName("span_id")] string? SpanId,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("committed")] bool Committed,
    [property: JsonPropertyName("accepted")] bool Accepted,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("height")] long Height,
    [property: JsonPropertyName("leaf")] long Leaf,
    [property: JsonPropertyName("milliseconds")] double Milliseconds);

[JsonSerializable(typeof(TraceEntry))]
internal sealed partial class TraceLogJson : JsonSerializerContext;
