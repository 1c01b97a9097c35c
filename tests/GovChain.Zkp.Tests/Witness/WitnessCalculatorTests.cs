using System.Text.Json.Nodes;
using GovChain.TestSupport;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Tests.Groth16;
using GovChain.Zkp.Witness;
using Xunit;

namespace GovChain.Zkp.Tests.Witness;

/// <summary>Circom's .wasm under Wasmtime against snarkjs's own witness computation.</summary>
public sealed class WitnessCalculatorTests
{
    private static readonly Dictionary<string, CircomWitnessCalculator> Calculators =
        CircuitFiles.Predicates.ToDictionary(c => c, c => CircomWitnessCalculator.FromWasm(File.ReadAllBytes(CircuitFiles.Wasm(c))));

    [Fact]
    public void WitnessEqualsSnarkjsWitnessForTheSameInput()
    {
        using var dir = new TempDirectory();
        var made = JsonNode.Parse(Peers.RunScript("scripts/zk/witness.js", [dir.Path, "8", "47", string.Join(',', CircuitFiles.Predicates)]))!.AsArray();
        foreach (var m in made)
        {
            var circuit = m!["circuit"]!.GetValue<string>();
            var expected = WitnessFile.Read(File.ReadAllBytes(m["wtns"]!.GetValue<string>()));
            Assert.Equal(expected, Calculators[circuit].Compute(m["input"]!.ToJsonString()));
        }
    }

    [Fact]
    public void UnsatisfiableInputsGiveAClearError()
    {
        var input = JsonNode.Parse(Peers.RunScript("scripts/zk/inputs.js", ["4", "5", string.Join(',', CircuitFiles.Predicates)]))!.AsArray()
            .ToDictionary(n => n!["circuit"]!.GetValue<string>(), n => n!["input"]!.AsObject());

        var score = input["score_at_least"].DeepClone().AsObject();
        score["threshold"] = (ulong.Parse(score["attributes"]![0]!.GetValue<string>()) + 1).ToString();
        ExpectUnsatisfied("score_at_least", score);

        var forged = input["score_at_least"].DeepClone().AsObject();
        forged["attributes"]![0] = "1000000";
        ExpectUnsatisfied("score_at_least", forged);

        var young = input["age_at_least"].DeepClone().AsObject();
        young["today"] = (ulong.Parse(young["birthDate"]!.GetValue<string>()) + 179999).ToString();
        ExpectUnsatisfied("age_at_least", young);

        var value = input["value_at_most"].DeepClone().AsObject();
        value["maximum"] = "0";
        ExpectUnsatisfied("value_at_most", value);

        var flag = input["flag_is_zero"].DeepClone().AsObject();
        flag["flag"] = "1";
        ExpectUnsatisfied("flag_is_zero", flag);
    }

    [Fact]
    public void MalformedInputsAreRejectedWithTheSignalName()
    {
        var calc = Calculators["flag_is_zero"];
        Assert.Contains("nosuch", Assert.Throws<ZkFormatException>(() => calc.Compute("""{"nosuch": "1", "flag": "0", "salt": "1", "commitment": "2"}""")).Message);
        Assert.Contains("of the circuit's", Assert.Throws<ZkFormatException>(() => calc.Compute("""{"flag": "0", "salt": "1"}""")).Message);
        Assert.Contains("salt", Assert.Throws<ZkFormatException>(() => calc.Compute("""{"flag": "0", "salt": ["1", "2"], "commitment": "2"}""")).Message);
        Assert.Contains("salt", Assert.Throws<ZkFormatException>(() => calc.Compute("""{"flag": "0", "salt": "1x", "commitment": "2"}""")).Message);
        Assert.Contains("field", Assert.Throws<ZkFormatException>(() => calc.Compute(
            """{"flag": "0", "salt": "21888242871839275222246405745257275088548364400416034343698204186575808495617", "commitment": "2"}""")).Message);
        Assert.Contains("malformed", Assert.Throws<ZkFormatException>(() => calc.Compute("""{"flag": "0", """)).Message);
        Assert.Throws<ZkFormatException>(() => CircomWitnessCalculator.FromWasm([0, 1, 2, 3]));
    }

    [Fact]
    public void ARunawayComputationStopsAtItsInstructionBudget()
    {
        using var starved = CircomWitnessCalculator.FromWasm(File.ReadAllBytes(CircuitFiles.Wasm("flag_is_zero")), fuel: 10_000);
        var ex = Assert.Throws<ZkWitnessException>(() => starved.Compute("""{"flag": "0", "salt": "1", "commitment": "2"}"""));
        Assert.Contains("budget", ex.Message);
    }

    private static void ExpectUnsatisfied(string circuit, JsonObject input)
    {
        var ex = Assert.Throws<ZkWitnessException>(() => Calculators[circuit].Compute(input.ToJsonString()));
        Assert.Contains("does not satisfy", ex.Message);
    }
}
