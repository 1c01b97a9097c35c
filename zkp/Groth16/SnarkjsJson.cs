using System.Text.Json;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;
using GovChain.Zkp.Bn254.Pairing;

namespace GovChain.Zkp.Groth16;

/// <summary>
/// Strict readers and writers for snarkjs's JSON encoding: decimal strings for field elements, G1 as [x, y, z] and
/// G2 as [[x0, x1], [y0, y1], [z0, z1]] with z = 1 for finite points and z = 0 for the point at infinity.
/// Every reader checks range, curve and (for G2) subgroup, and says which field was wrong.
/// </summary>
internal static class SnarkjsJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new ZkFormatException($"{what}: malformed JSON ({e.Message})", e);
        }
    }

    public static JsonElement Property(JsonElement obj, string name, string what)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new ZkFormatException($"{what}: expected a JSON object");
        }

        return obj.TryGetProperty(name, out var v) ? v : throw new ZkFormatException($"{what}: missing '{name}'");
    }

    /// <summary>Checks an optional string tag such as "protocol": "groth16".</summary>
    public static void ExpectTag(JsonElement obj, string name, string expected, string what)
    {
        if (obj.TryGetProperty(name, out var v) && (v.ValueKind != JsonValueKind.String || v.GetString() != expected))
        {
            throw new ZkFormatException($"{what}: '{name}' must be \"{expected}\"");
        }
    }

    public static string DecimalString(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new ZkFormatException($"{what}: expected a decimal string");

    public static Fp ReadFp(JsonElement e, string what) => Wrap(() => Fp.Parse(DecimalString(e, what)), what);

    public static Fr ReadFr(JsonElement e, string what) => Wrap(() => Fr.Parse(DecimalString(e, what)), what);

    public static G1Affine ReadG1(JsonElement e, string what, bool allowInfinity)
    {
        var items = Array(e, 3, what);
        var z = ReadFp(items[2], what + ".z");
        var x = ReadFp(items[0], what + ".x");
        var y = ReadFp(items[1], what + ".y");
        if (z.IsZero)
        {
            return allowInfinity ? G1Affine.Infinity : throw new ZkFormatException($"{what}: the point at infinity is not allowed here");
        }

        if (!z.IsOne)
        {
            throw new ZkFormatException($"{what}: z must be 1 (affine) or 0 (infinity)");
        }

        return Wrap(() => G1Affine.Create(x, y), what);
    }

    /// <summary>
    /// A G2 point; with <paramref name="checkSubgroup"/> false only the curve is checked, for a caller that gets the
    /// subgroup test from the point's Miller-loop lines (<see cref="G2Prepared.IsInSubgroup"/>).
    /// </summary>
    public static G2Affine ReadG2(JsonElement e, string what, bool allowInfinity, bool checkSubgroup = true)
    {
        var items = Array(e, 3, what);
        var x = ReadFp2(items[0], what + ".x");
        var y = ReadFp2(items[1], what + ".y");
        var z = ReadFp2(items[2], what + ".z");
        if (z.IsZero)
        {
            return allowInfinity ? G2Affine.Infinity : throw new ZkFormatException($"{what}: the point at infinity is not allowed here");
        }

        if (!z.IsOne)
        {
            throw new ZkFormatException($"{what}: z must be 1 (affine) or 0 (infinity)");
        }

        return Wrap(() => checkSubgroup ? G2Affine.Create(x, y) : G2Affine.CreateOnCurveOnly(x, y), what);
    }

    public static Fp2 ReadFp2(JsonElement e, string what)
    {
        var items = Array(e, 2, what);
        return new Fp2(ReadFp(items[0], what + "[0]"), ReadFp(items[1], what + "[1]"));
    }

    public static JsonElement[] Array(JsonElement e, int length, string what)
    {
        if (e.ValueKind != JsonValueKind.Array || (length >= 0 && e.GetArrayLength() != length))
        {
            throw new ZkFormatException(length >= 0 ? $"{what}: expected an array of {length}" : $"{what}: expected an array");
        }

        return [.. e.EnumerateArray()];
    }

    public static void WriteG1(Utf8JsonWriter w, G1Affine p)
    {
        w.WriteStartArray();
        if (p.IsInfinity)
        {
            w.WriteStringValue("0");
            w.WriteStringValue("1");
            w.WriteStringValue("0");
        }
        else
        {
            w.WriteStringValue(p.X.ToString());
            w.WriteStringValue(p.Y.ToString());
            w.WriteStringValue("1");
        }

        w.WriteEndArray();
    }

    public static void WriteG2(Utf8JsonWriter w, G2Affine p)
    {
        var (x, y, z) = p.IsInfinity ? (Fp2.Zero, Fp2.One, Fp2.Zero) : (p.X, p.Y, Fp2.One);
        w.WriteStartArray();
        foreach (var c in (ReadOnlySpan<Fp2>)[x, y, z])
        {
            w.WriteStartArray();
            w.WriteStringValue(c.C0.ToString());
            w.WriteStringValue(c.C1.ToString());
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static T Wrap<T>(Func<T> read, string what)
    {
        try
        {
            return read();
        }
        catch (ZkFormatException e)
        {
            throw new ZkFormatException($"{what}: {e.Message}", e);
        }
    }
}
