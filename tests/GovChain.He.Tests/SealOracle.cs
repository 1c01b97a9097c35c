using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.TestSupport;

namespace GovChain.He.Tests;

/// <summary>Runs vectors/peers/scripts/he/seal-oracle.js (node-seal 5.1.7 = SEAL 4.1) with one JSON request.</summary>
internal static class SealOracle
{
    public static JsonElement Run(JsonObject request)
    {
        var output = Peers.RunScript("scripts/he/seal-oracle.js", stdin: request.ToJsonString(), timeout: TimeSpan.FromMinutes(5));
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    public static byte[] Bytes(JsonElement e) => Convert.FromBase64String(e.GetString()!);

    public static string B64(byte[] blob) => Convert.ToBase64String(blob);

    public static ulong[] Slots(JsonElement e) => e.EnumerateArray().Select(v => ulong.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static JsonArray Values(IEnumerable<ulong> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v.ToString(System.Globalization.CultureInfo.InvariantCulture))!).ToArray());
}
