using System.Text.Json.Nodes;
using GovChain.TestSupport;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Witness;
using Xunit;

namespace GovChain.Zkp.Tests.Groth16;

/// <summary>Our prover judged by snarkjs's verifier.</summary>
public sealed class ProveTests
{
    private static readonly Dictionary<string, ProvingKey> Keys =
        CircuitFiles.Predicates.ToDictionary(c => c, c => ProvingKey.FromZkey(File.ReadAllBytes(CircuitFiles.Zkey(c))));

    [Fact]
    public void ProofsFromSnarkjsWitnessFilesPassSnarkjsVerify()
    {
        using var dir = new TempDirectory();
        var made = JsonNode.Parse(Peers.RunScript("scripts/zk/witness.js", [dir.Path, "8", "31", string.Join(',', CircuitFiles.Predicates)]))!.AsArray();
        var cases = new JsonArray();
        foreach (var m in made)
        {
            var circuit = m!["circuit"]!.GetValue<string>();
            var witness = WitnessFile.Read(File.ReadAllBytes(m["wtns"]!.GetValue<string>()));
            var (proof, publics) = Groth16Prover.Prove(Keys[circuit], witness);
            Assert.True(Groth16Verifier.Verify(Keys[circuit].VerifyingKey, proof, publics));
            cases.Add(SnarkjsCase(circuit, proof, publics));
        }

        AssertSnarkjsAccepts(cases);
    }

    [Fact]
    public void ProofsFromInputJsonViaWasmtimePassSnarkjsVerifyForEveryCircuit()
    {
        // 20 random inputs for each of the predicate circuits.
        var made = JsonNode.Parse(Peers.RunScript("scripts/zk/inputs.js", [(20 * CircuitFiles.Predicates.Length).ToString(), "2027", string.Join(',', CircuitFiles.Predicates)]))!.AsArray();
        var calculators = CircuitFiles.Predicates.ToDictionary(c => c, c => CircomWitnessCalculator.FromWasm(File.ReadAllBytes(CircuitFiles.Wasm(c))));
        var cases = new JsonArray();
        foreach (var m in made)
        {
            var circuit = m!["circuit"]!.GetValue<string>();
            var witness = calculators[circuit].Compute(m["input"]!.ToJsonString());
            var (proof, publics) = Groth16Prover.Prove(Keys[circuit], witness);
            cases.Add(SnarkjsCase(circuit, proof, publics));
        }

        foreach (var c in calculators.Values)
        {
            c.Dispose();
        }

        Assert.Equal(CircuitFiles.Predicates.Length, cases.Select(c => c!["vk"]!.GetValue<string>()).Distinct().Count());
        AssertSnarkjsAccepts(cases);
    }

    [Fact]
    public void VerifyingKeyFromTheZkeyMatchesSnarkjsExport()
    {
        foreach (var circuit in CircuitFiles.Predicates)
        {
            var exported = VerifyingKey.FromJson(File.ReadAllText(CircuitFiles.VerifyingKey(circuit)));
            var ours = Keys[circuit].VerifyingKey;
            Assert.Equal(exported.Alpha, ours.Alpha);
            Assert.Equal(exported.Beta, ours.Beta);
            Assert.Equal(exported.Gamma, ours.Gamma);
            Assert.Equal(exported.Delta, ours.Delta);
            Assert.Equal(exported.Ic, ours.Ic);
        }
    }

    [Fact]
    public void WrongWitnessLengthOrConstantIsRejected()
    {
        var key = Keys["flag_is_zero"];
        Assert.Throws<ZkFormatException>(() => Groth16Prover.Prove(key, new Fr[key.VariableCount - 1]));
        Assert.Throws<ZkFormatException>(() => Groth16Prover.Prove(key, new Fr[key.VariableCount]));
    }

    [Fact]
    public void TruncatedOrCorruptZkeyAndWtnsAreRejected()
    {
        var zkey = File.ReadAllBytes(CircuitFiles.Zkey("flag_is_zero"));
        foreach (var cut in new[] { 0, 3, 11, 100, zkey.Length / 2, zkey.Length - 1 })
        {
            Assert.Throws<ZkFormatException>(() => ProvingKey.FromZkey(zkey[..cut]));
        }

        var badMagic = (byte[])zkey.Clone();
        badMagic[0] = (byte)'x';
        Assert.Throws<ZkFormatException>(() => ProvingKey.FromZkey(badMagic));

        var witness = new Fr[5];
        witness[0] = Fr.One;
        var wtns = WitnessFile.Write(witness);
        Assert.Equal(witness, WitnessFile.Read(wtns));
        Assert.Throws<ZkFormatException>(() => WitnessFile.Read(wtns[..^1]));
        wtns[^1] = 0xFF;
        Assert.Throws<ZkFormatException>(() => WitnessFile.Read(wtns));
    }

    internal static JsonObject SnarkjsCase(string circuit, Proof proof, Fr[] publics) => new()
    {
        ["vk"] = CircuitFiles.VerifyingKey(circuit),
        ["proof"] = JsonNode.Parse(proof.ToJson()),
        ["publicSignals"] = JsonNode.Parse(PublicSignals.ToJson(publics)),
    };

    internal static void AssertSnarkjsAccepts(JsonArray cases)
    {
        var verdicts = JsonNode.Parse(Peers.RunScript("scripts/zk/verify.js", stdin: cases.ToJsonString()))!.AsArray();
        Assert.Equal(cases.Count, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v!.GetValue<bool>()));
    }
}
