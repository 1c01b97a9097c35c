using System.Text.Json.Nodes;
using GovChain.TestSupport;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Poseidon;
using Xunit;

namespace GovChain.Zkp.Tests.Poseidon;

/// <summary>Poseidon against npm circomlibjs@0.1.7 on random inputs for every supported width.</summary>
public sealed class PoseidonTests
{
    private const int PerWidth = 1000;

    [Fact]
    public void AgreesWithCircomlibjsOnAThousandRandomInputsPerWidth()
    {
        var rng = new Random(1125);
        var cases = new List<Fr[]>();
        for (var n = 1; n <= PoseidonHash.MaxInputs; n++)
        {
            for (var k = 0; k < PerWidth; k++)
            {
                // Mix full-size elements with small and edge values, as commitments of attributes see both.
                cases.Add([.. Enumerable.Range(0, n).Select(_ => rng.Next(8) switch
                {
                    0 => Fr.FromUInt64((ulong)rng.Next(1000)),
                    1 => -Fr.One,
                    _ => Seeded.Scalar(rng),
                })]);
            }
        }

        var request = new JsonArray([.. cases.Select(c => (JsonNode)new JsonArray([.. c.Select(v => (JsonNode)v.ToString())]))]);
        var expected = JsonNode.Parse(Peers.RunScript("scripts/zk/poseidon.js", stdin: request.ToJsonString()))!.AsArray();
        Assert.Equal(cases.Count, expected.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(expected[i]!.GetValue<string>(), PoseidonHash.Hash(cases[i]).ToString());
        }
    }

    [Fact]
    public void KnownAnswerFromCircomlibTestSuite()
    {
        // circomlib's test/poseidoncircuit.js: poseidon([1, 2]).
        Assert.Equal(
            "7853200120776062878684798364095072458815029376092732009249414926327459813530",
            PoseidonHash.Hash([Fr.One, Fr.FromUInt64(2)]).ToString());
    }

    [Fact]
    public void RejectsUnsupportedInputCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoseidonHash.Hash([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoseidonHash.Hash(new Fr[PoseidonHash.MaxInputs + 1]));
    }
}
