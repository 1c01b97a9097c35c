using System.Text;
using System.Text.Json;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Groth16;

/// <summary>snarkjs public.json: a JSON array of decimal strings, each &lt; r.</summary>
public static class PublicSignals
{
    public static Fr[] FromJson(string json)
    {
        const string What = "public signals";
        using var doc = SnarkjsJson.Parse(json, What);
        var items = SnarkjsJson.Array(doc.RootElement, -1, What);
        return [.. items.Select((e, i) => SnarkjsJson.ReadFr(e, $"{What}[{i}]"))];
    }

    public static string ToJson(IEnumerable<Fr> signals)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var s in signals)
            {
                w.WriteStringValue(s.ToString());
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
