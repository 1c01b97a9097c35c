using System.Numerics;
using System.Text.Json.Nodes;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;
using GovChain.Zkp.Groth16;
using Xunit;

namespace GovChain.Zkp.Tests.Groth16;

/// <summary>Our verifier judged by fresh snarkjs proofs: all accepted, every perturbation rejected.</summary>
public sealed class VerifyTests(SnarkjsProofsFixture fixture) : IClassFixture<SnarkjsProofsFixture>
{
    private static readonly Dictionary<string, VerifyingKey> Keys =
        CircuitFiles.Predicates.ToDictionary(c => c, c => VerifyingKey.FromJson(File.ReadAllText(CircuitFiles.VerifyingKey(c))));

    [Fact]
    public void AcceptsEveryFreshSnarkjsProofAcrossTheCircuits()
    {
        Assert.True(fixture.Proofs.Count >= 50);
        Assert.True(fixture.Proofs.Select(p => p.Circuit).Distinct().Count() >= 3);
        foreach (var p in fixture.Proofs)
        {
            Assert.True(Groth16Verifier.VerifyJson(p.VerifyingKeyJson, p.ProofJson, p.PublicJson), p.Circuit);
        }
    }

    [Fact]
    public void RejectsEachPerturbedProofPoint()
    {
        foreach (var p in fixture.Proofs)
        {
            var proof = Proof.FromJson(p.ProofJson);
            var inputs = PublicSignals.FromJson(p.PublicJson);
            var key = Keys[p.Circuit];
            var g1 = G1Affine.Generator.ToJacobian();
            var a = (proof.A.ToJacobian() + g1).ToAffine();
            var b = (proof.B.ToJacobian() + G2Affine.Generator.ToJacobian()).ToAffine();
            var c = (proof.C.ToJacobian() + g1).ToAffine();
            Assert.False(Groth16Verifier.Verify(key, proof with { A = a }, inputs));
            Assert.False(Groth16Verifier.Verify(key, proof with { B = b }, inputs));
            Assert.False(Groth16Verifier.Verify(key, proof with { C = c }, inputs));

            // The same perturbations through JSON, as the CLI reads them.
            var json = JsonNode.Parse(p.ProofJson)!;
            json["pi_a"]![0] = a.X.ToString();
            json["pi_a"]![1] = a.Y.ToString();
            Assert.False(Groth16Verifier.VerifyJson(p.VerifyingKeyJson, json.ToJsonString(), p.PublicJson));
        }
    }

    [Fact]
    public void RejectsEachChangedPublicSignal()
    {
        foreach (var p in fixture.Proofs)
        {
            var proof = Proof.FromJson(p.ProofJson);
            var inputs = PublicSignals.FromJson(p.PublicJson);
            for (var i = 0; i < inputs.Length; i++)
            {
                var changed = (Fr[])inputs.Clone();
                changed[i] += Fr.One;
                Assert.False(Groth16Verifier.Verify(Keys[p.Circuit], proof, changed), $"{p.Circuit} signal {i}");
            }
        }
    }

    [Fact]
    public void RejectsOffCurvePointsOutOfRangeValuesAndG2OutsideTheSubgroup()
    {
        var outsider = G2PointOutsideSubgroup();
        foreach (var p in fixture.Proofs)
        {
            ExpectFormatError(p, "curve", j => j["pi_a"]![1] = ((BigInteger.Parse(j["pi_a"]![1]!.GetValue<string>()) + 1) % Fp.Modulus).ToString());
            ExpectFormatError(p, "curve", j => j["pi_c"]![0] = "5");
            ExpectFormatError(p, "curve", j => j["pi_b"]![1]![0] = "5");
            ExpectFormatError(p, "subgroup", j =>
            {
                j["pi_b"]![0] = new JsonArray(outsider.X.C0.ToString(), outsider.X.C1.ToString());
                j["pi_b"]![1] = new JsonArray(outsider.Y.C0.ToString(), outsider.Y.C1.ToString());
            });
            ExpectFormatError(p, "modulus", j => j["pi_a"]![0] = (BigInteger.Parse(j["pi_a"]![0]!.GetValue<string>()) + Fp.Modulus).ToString());
            ExpectFormatError(p, "modulus", j => j["pi_b"]![0]![1] = (BigInteger.Parse(j["pi_b"]![0]![1]!.GetValue<string>()) + Fp.Modulus).ToString());
            ExpectFormatError(p, "infinity", j => j["pi_c"] = new JsonArray("0", "1", "0"));

            var signals = JsonNode.Parse(p.PublicJson)!.AsArray();
            signals[0] = (BigInteger.Parse(signals[0]!.GetValue<string>()) + Fr.Modulus).ToString();
            var ex = Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, p.ProofJson, signals.ToJsonString()));
            Assert.Contains("modulus", ex.Message);
        }
    }

    [Fact]
    public void RejectsMalformedAndTruncatedJsonWithAReason()
    {
        var p = fixture.Proofs[0];
        foreach (var cut in new[] { 0, 1, 10, p.ProofJson.Length / 2, p.ProofJson.Length - 1 })
        {
            var ex = Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, p.ProofJson[..cut], p.PublicJson));
            Assert.StartsWith("proof", ex.Message);
        }

        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson[..(p.VerifyingKeyJson.Length / 3)], p.ProofJson, p.PublicJson));
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, p.ProofJson, p.PublicJson[..^1]));
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, p.ProofJson, "[1, 2]"));
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, p.ProofJson, "[]"));
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, "{\"pi_a\": 3}", p.PublicJson));
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, "[]", p.PublicJson));
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson("{}", p.ProofJson, p.PublicJson));
        var wrongProtocol = JsonNode.Parse(p.ProofJson)!;
        wrongProtocol["protocol"] = "plonk";
        Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, wrongProtocol.ToJsonString(), p.PublicJson));
    }

    [Fact]
    public void RejectsAVerifyingKeyWithAG2PointOutsideTheSubgroup()
    {
        var outsider = G2PointOutsideSubgroup();
        var vk = JsonNode.Parse(fixture.Proofs[0].VerifyingKeyJson)!;
        vk["vk_delta_2"]![0] = new JsonArray(outsider.X.C0.ToString(), outsider.X.C1.ToString());
        vk["vk_delta_2"]![1] = new JsonArray(outsider.Y.C0.ToString(), outsider.Y.C1.ToString());
        var ex = Assert.Throws<ZkFormatException>(() => VerifyingKey.FromJson(vk.ToJsonString()));
        Assert.Contains("vk_delta_2", ex.Message);
        Assert.Contains("subgroup", ex.Message);
    }

    private static void ExpectFormatError(SnarkjsProof p, string reason, Action<JsonNode> tamper)
    {
        var json = JsonNode.Parse(p.ProofJson)!;
        tamper(json);
        var ex = Assert.Throws<ZkFormatException>(() => Groth16Verifier.VerifyJson(p.VerifyingKeyJson, json.ToJsonString(), p.PublicJson));
        Assert.Contains(reason, ex.Message);
    }

    /// <summary>A point on the twist but outside G2: the smallest x = 1, 2, … whose point fails [r]Q = ∞.</summary>
    private static G2Affine G2PointOutsideSubgroup()
    {
        for (ulong i = 1; ; i++)
        {
            var x = new Fp2(Fp.FromUInt64(i), Fp.One);
            if (((x.Square() * x) + G2Affine.B).TrySqrt(out var y))
            {
                var q = G2Affine.CreateOnCurveOnly(x, y);
                if (!q.ToJacobian().Multiply(Fr.Modulus).IsInfinity)
                {
                    return q;
                }
            }
        }
    }
}
