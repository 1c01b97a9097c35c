using System.Globalization;
using System.Text.Json;

namespace GovChain.Bench;

/// <summary>Runs vectors/peers/scripts/he/seal-bench.js (node-seal, SEAL 4.1 in WebAssembly) and reads its milliseconds per operation.</summary>
public static class SealBench
{
    /// <summary>Milliseconds per operation, keyed by the names seal-bench.js prints.</summary>
    public static IReadOnlyDictionary<string, double> Run(int n, int iterations)
    {
        var output = Checkout.RunPeerScript("scripts/he/seal-bench.js", [n.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)]);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}
