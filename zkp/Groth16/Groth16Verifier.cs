using System.Collections.Concurrent;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.Pairing;

namespace GovChain.Zkp.Groth16;

/// <summary>Groth16 verification: e(A, B) = e(α, β) · e(Σ xᵢ·ICᵢ, γ) · e(C, δ), as one four-pair product.</summary>
public static class Groth16Verifier
{
    /// <summary>
    /// True when the proof is valid for these public inputs. Inputs were range- and group-checked when parsed; a
    /// count that differs from the key's is bad input, not a false proof.
    /// </summary>
    public static bool Verify(VerifyingKey key, Proof proof, ReadOnlySpan<Fr> publicInputs)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return Verify(key, proof, new G2Prepared(proof.B), publicInputs);
    }

    /// <summary>
    /// Verifies the three snarkjs JSON documents; throws <see cref="ZkFormatException"/> for bad input. π_B's subgroup
    /// test comes from its Miller-loop lines instead of a separate scalar multiplication.
    /// </summary>
    public static bool VerifyJson(string verifyingKeyJson, string proofJson, string publicJson)
    {
        ArgumentNullException.ThrowIfNull(verifyingKeyJson);
        var proof = Proof.FromJson(proofJson, checkSubgroup: false);
        var b = new G2Prepared(proof.B);
        if (!b.IsInSubgroup)
        {
            throw new ZkFormatException("proof.pi_b: G2 point is not in the order-r subgroup");
        }

        var publicInputs = PublicSignals.FromJson(publicJson);
        return Verify(KeyCache.GetOrAdd(verifyingKeyJson, VerifyingKey.FromJson), proof, b, publicInputs);
    }

    private static bool Verify(VerifyingKey key, Proof proof, G2Prepared b, ReadOnlySpan<Fr> publicInputs)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (publicInputs.Length != key.PublicInputCount)
        {
            throw new ZkFormatException($"expected {key.PublicInputCount} public signals, got {publicInputs.Length}");
        }

        var prepared = key.Prepared;
        var vkX = prepared.PublicInputs.Compute(publicInputs);
        var f = prepared.GammaDelta is null || vkX.IsInfinity || proof.C.IsInfinity
            ? OptimalAte.MillerLoop([proof.A.Negate(), vkX, proof.C], [b, prepared.Gamma, prepared.Delta])
            : OptimalAte.MillerLoop([proof.A.Negate()], [b], prepared.GammaDelta, new(vkX, proof.C));
        return FinalExponentiation.Apply(prepared.AlphaBetaMiller * f).IsOne;
    }

    /// <summary>
    /// Verifiers check many proofs against few keys, so parsed keys (subgroup-checked, with their pairing work
    /// prepared) are kept by exact JSON text. Bounded: past the limit it simply starts over.
    /// </summary>
    private static class KeyCache
    {
        private const int Limit = 16;
        private static readonly ConcurrentDictionary<string, VerifyingKey> Keys = new(StringComparer.Ordinal);

        public static VerifyingKey GetOrAdd(string json, Func<string, VerifyingKey> parse)
        {
            if (Keys.TryGetValue(json, out var key))
            {
                return key;
            }

            if (Keys.Count >= Limit)
            {
                Keys.Clear();
            }

            return Keys.GetOrAdd(json, parse);
        }
    }
}
