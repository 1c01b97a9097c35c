using System.Text.Json;
using GovChain.TestSupport;

namespace GovChain.Crypto.Tests;

/// <summary>The official vectors in vectors/gm/, each file naming its source.</summary>
internal static class GmVectors
{
    public static JsonElement Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Vectors, "gm", name)));
        return doc.RootElement.Clone();
    }

    public static byte[] Bytes(this JsonElement e, string property) => Convert.FromHexString(e.GetProperty(property).GetString()!);

    public static string Text(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
