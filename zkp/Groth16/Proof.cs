using System.Text;
using System.Text.Json;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;

namespace GovChain.Zkp.Groth16;

/// <summary>A Groth16 proof (A ∈ G1, B ∈ G2, C ∈ G1) in snarkjs proof.json form. None of the points may be infinity.</summary>
public sealed record Proof(G1Affine A, G2Affine B, G1Affine C)
{
    public static Proof FromJson(string json) => FromJson(json, checkSubgroup: true);

    /// <summary>Parses π; without <paramref name="checkSubgroup"/> the caller must test π_B's subgroup itself.</summary>
    internal static Proof FromJson(string json, bool checkSubgroup)
    {
        const string What = "proof";
        using var doc = SnarkjsJson.Parse(json, What);
        var root = doc.RootElement;
        SnarkjsJson.Property(root, "pi_a", What);
        SnarkjsJson.ExpectTag(root, "protocol", "groth16", What);
        SnarkjsJson.ExpectTag(root, "curve", "bn128", What);
        return new Proof(
            SnarkjsJson.ReadG1(SnarkjsJson.Property(root, "pi_a", What), What + ".pi_a", allowInfinity: false),
            SnarkjsJson.ReadG2(SnarkjsJson.Property(root, "pi_b", What), What + ".pi_b", allowInfinity: false, checkSubgroup),
            SnarkjsJson.ReadG1(SnarkjsJson.Property(root, "pi_c", What), What + ".pi_c", allowInfinity: false));
    }

    /// <summary>snarkjs's layout, so `snarkjs groth16 verify` reads it.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WritePropertyName("pi_a");
            SnarkjsJson.WriteG1(w, A);
            w.WritePropertyName("pi_b");
            SnarkjsJson.WriteG2(w, B);
            w.WritePropertyName("pi_c");
            SnarkjsJson.WriteG1(w, C);
            w.WriteString("protocol", "groth16");
            w.WriteString("curve", "bn128");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
