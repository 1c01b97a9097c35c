using System.Text.Json.Serialization;

namespace GovChain.CreditService.Security;

/// <summary>The JSON a REST client gets when its request is refused before routing.</summary>
public sealed record RefusalBody(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("reason")] string Reason);

[JsonSerializable(typeof(RefusalBody))]
internal sealed partial class RefusalJson : JsonSerializerContext;
