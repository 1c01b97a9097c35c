using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;
using GovChain.Zkp.Bn254.Pairing;

namespace GovChain.Zkp.Groth16;

/// <summary>A Groth16 verifying key over BN254 (snarkjs verification_key.json). Every point is checked on load.</summary>
public sealed class VerifyingKey
{
    private PreparedKey? prepared;

    public VerifyingKey(G1Affine alpha, G2Affine beta, G2Affine gamma, G2Affine delta, IReadOnlyList<G1Affine> ic)
    {
        if (ic.Count == 0)
        {
            throw new ZkFormatException("verifying key: IC must hold at least one point");
        }

        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
        Ic = [.. ic];
    }

    public G1Affine Alpha { get; }

    public G2Affine Beta { get; }

    public G2Affine Gamma { get; }

    public G2Affine Delta { get; }

    /// <summary>IC[0] + Σ publicᵢ·IC[i+1] is the public-input commitment.</summary>
    public IReadOnlyList<G1Affine> Ic { get; }

    public int PublicInputCount => Ic.Count - 1;

    /// <summary>The key's fixed pairing work, done on first use and reused by every later verification.</summary>
    internal PreparedKey Prepared => LazyInitializer.EnsureInitialized(ref prepared, () => new PreparedKey(this));

    public static VerifyingKey FromJson(string json)
    {
        const string What = "verifying key";
        using var doc = SnarkjsJson.Parse(json, What);
        var root = doc.RootElement;
        SnarkjsJson.Property(root, "vk_alpha_1", What);
        SnarkjsJson.ExpectTag(root, "protocol", "groth16", What);
        SnarkjsJson.ExpectTag(root, "curve", "bn128", What);
        var icJson = SnarkjsJson.Array(SnarkjsJson.Property(root, "IC", What), -1, What + ".IC");
        if (root.TryGetProperty("nPublic", out var nPublic)
            && (nPublic.ValueKind != System.Text.Json.JsonValueKind.Number || !nPublic.TryGetInt32(out var n) || n != icJson.Length - 1))
        {
            throw new ZkFormatException($"{What}: nPublic does not match the {icJson.Length} IC points");
        }

        var ic = icJson.Select((p, i) => SnarkjsJson.ReadG1(p, $"{What}.IC[{i}]", allowInfinity: true)).ToArray();
        return new VerifyingKey(
            SnarkjsJson.ReadG1(SnarkjsJson.Property(root, "vk_alpha_1", What), What + ".vk_alpha_1", allowInfinity: false),
            SnarkjsJson.ReadG2(SnarkjsJson.Property(root, "vk_beta_2", What), What + ".vk_beta_2", allowInfinity: false),
            SnarkjsJson.ReadG2(SnarkjsJson.Property(root, "vk_gamma_2", What), What + ".vk_gamma_2", allowInfinity: false),
            SnarkjsJson.ReadG2(SnarkjsJson.Property(root, "vk_delta_2", What), What + ".vk_delta_2", allowInfinity: false),
            ic);
    }
}

/// <summary>
/// Lines of γ and δ and the products of their coefficients, the Miller-loop value of (α, β), which the final
/// exponentiation turns into e(α, β), and the public-input commitment over the IC points.
/// </summary>
internal sealed class PreparedKey
{
    public PreparedKey(VerifyingKey key)
    {
        PublicInputs = new(key.Ic);
        Gamma = new(key.Gamma);
        Delta = new(key.Delta);
        GammaDelta = Gamma.IsInfinity || Delta.IsInfinity ? null : new FixedLinePairs(Gamma, Delta);
        AlphaBetaMiller = OptimalAte.MillerLoop([key.Alpha], [new G2Prepared(key.Beta)]);
    }

    public PublicInputCommitment PublicInputs { get; }

    public G2Prepared Gamma { get; }

    public G2Prepared Delta { get; }

    /// <summary>γ's and δ's lines multiplied two at a time; null when either is infinity (a key built by hand).</summary>
    public FixedLinePairs? GammaDelta { get; }

    public Fp12 AlphaBetaMiller { get; }
}
