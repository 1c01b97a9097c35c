using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.TestSupport;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Tests.Bn254;

/// <summary>Asks ffjavascript (vectors/peers/scripts/zk/bn128.js) for s·G1, s·G2 and e(a·G1, b·G2) in one node run.</summary>
internal sealed class FfjavascriptOracle
{
    private FfjavascriptOracle(JsonNode result) => Result = result;

    public JsonNode Result { get; }

    public static FfjavascriptOracle Run(IEnumerable<BigInteger> g1, IEnumerable<BigInteger> g2, IEnumerable<(BigInteger A, BigInteger B)> pairings)
    {
        var input = new JsonObject
        {
            ["g1"] = new JsonArray([.. g1.Select(s => (JsonNode)s.ToString())]),
            ["g2"] = new JsonArray([.. g2.Select(s => (JsonNode)s.ToString())]),
            ["pairings"] = new JsonArray([.. pairings.Select(p => (JsonNode)new JsonArray(p.A.ToString(), p.B.ToString()))]),
        };
        var output = Peers.RunScript("scripts/zk/bn128.js", stdin: input.ToJsonString());
        return new FfjavascriptOracle(JsonNode.Parse(output) ?? throw new JsonException("empty oracle output"));
    }

    public static Fp ParseFp(JsonNode? n) => Fp.Parse(n!.GetValue<string>());

    public static Fp2 ParseFp2(JsonNode? n) => new(ParseFp(n![0]), ParseFp(n[1]));

    /// <summary>ffjavascript's Gt object is [c0, c1] of [b0, b1, b2] of [real, imaginary]: the same tower as ours.</summary>
    public static Fp12 ParseFp12(JsonNode? n)
    {
        Fp6 Six(JsonNode? s) => new(ParseFp2(s![0]), ParseFp2(s[1]), ParseFp2(s[2]));
        return new Fp12(Six(n![0]), Six(n[1]));
    }
}
