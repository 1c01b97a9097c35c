using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.TestSupport;

namespace GovChain.Cli.Tests;

/// <summary>
/// `govchain he encrypt|decrypt|dot` (ARCHITECTURE §4) judged by node-seal 5.1.7 (SEAL 4.1): SEAL makes the parameters,
/// keys and ciphertexts; what our verbs write is decrypted by SEAL. Expected values are computed here in BigInteger mod t.
/// </summary>
public sealed class HeVerbTests : IDisposable
{
    private const int N = 4096;
    private const int Features = 50;

    /// <summary>One node run per test assembly: SEAL's parameters, keys (Galois: column swap and power-of-two rows) and ciphertexts.</summary>
    private static readonly Lazy<SealKeys> Seal = new(SealKeys.Create);

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Decrypt_prints_the_slots_that_seal_encrypted_in_every_compression_mode()
    {
        var seal = Seal.Value;
        foreach (var (vector, mode) in new[] { (0, "none"), (1, "zlib"), (2, "zstd") })
        {
            File.WriteAllBytes(dir.File("ct"), seal.Ciphertext(vector, mode));
            var r = Govchain.Run("he", "decrypt", "--params", seal.Write(dir, "params"), "--secret-key", seal.Write(dir, "secretKey"), "--in", dir.File("ct"));
            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.Equal(seal.Vectors[vector], ParseSlots(r.StdOut));
        }
    }

    [Fact]
    public void Encrypt_under_seals_public_key_decrypts_in_seal()
    {
        var seal = Seal.Value;
        var random = new Random(41);
        // Numbers and decimal strings, negatives and values ≥ t; the verb reduces them mod t and pads with zeros.
        var values = Enumerable.Range(0, 300).Select(_ => new BigInteger(random.NextInt64(-3 * (long)seal.T, 3 * (long)seal.T))).ToArray();
        var json = new JsonArray(values.Select((v, i) => i % 2 == 0
            ? JsonValue.Create((long)v)
            : (JsonNode)JsonValue.Create(v.ToString(CultureInfo.InvariantCulture))).ToArray());
        File.WriteAllText(dir.File("values.json"), json.ToJsonString());

        var r = Govchain.Run("he", "encrypt", "--params", seal.Write(dir, "params"), "--public-key", seal.Write(dir, "publicKey"), "--values", dir.File("values.json"), "--out", dir.File("ct"));
        Assert.True(r.ExitCode == 0, r.StdErr);

        var expected = new ulong[N];
        for (var i = 0; i < values.Length; i++)
        {
            expected[i] = Mod(values[i], seal.T);
        }

        var (slots, budget) = seal.Decrypt(File.ReadAllBytes(dir.File("ct")));
        Assert.Equal(expected, slots);
        Assert.True(budget > 0, $"SEAL reports noise budget {budget}");
    }

    [Fact]
    public void Dot_with_seals_galois_keys_puts_the_inner_product_in_slot_0_and_masks_the_rest()
    {
        var seal = Seal.Value;
        var random = new Random(42);
        var weights = Enumerable.Range(0, Features).Select(_ => (long)random.Next(-1000, 1000)).ToArray();
        File.WriteAllText(dir.File("w.json"), JsonSerializer.Serialize(weights));
        File.WriteAllBytes(dir.File("ct"), seal.Ciphertext(0, "zstd"));

        var r = Govchain.Run("he", "dot", "--params", seal.Write(dir, "params"), "--galois-keys", seal.Write(dir, "galoisKeys"), "--in", dir.File("ct"), "--weights", dir.File("w.json"), "--out", dir.File("score"));
        Assert.True(r.ExitCode == 0, r.StdErr);

        var expected = BigInteger.Zero;
        for (var i = 0; i < Features; i++)
        {
            expected += seal.Vectors[0][i] * new BigInteger(weights[i]);
        }

        var (slots, budget) = seal.Decrypt(File.ReadAllBytes(dir.File("score")));
        Assert.Equal(Mod(expected, seal.T), slots[0]);
        Assert.True(budget > 0, $"SEAL reports noise budget {budget}");
        // Unmasked, the slot sum would repeat the score in all n slots; masked, a coincidence has probability ≈ n/t.
        Assert.True(slots.Count(s => s == slots[0]) < 10, "slots 1..n-1 are not masked");
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "truncated ciphertext", "decrypt", "Ciphertext: declared size" },
        { "truncated secret key", "decrypt", "SecretKey: declared size" },
        { "params for another n", "decrypt", "does not match the parameters" },
        { "truncated galois keys", "dot", "GaloisKeys: declared size" },
        { "weights not JSON", "dot", "w.json: not JSON" },
        { "weights not an array", "dot", "w.json: expected a JSON array" },
        { "weight not an integer", "dot", "element 1 (2.5) is not an integer" },
        { "values longer than n", "encrypt", $"at most {N} integers" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_a_one_line_reason(string fault, string verb, string reason)
    {
        var seal = Seal.Value;
        var parameters = seal.Write(dir, "params");
        var secretKey = seal.Write(dir, "secretKey");
        var galoisKeys = seal.Write(dir, "galoisKeys");
        var ciphertext = dir.File("ct");
        var ct = seal.Ciphertext(0, "none");
        File.WriteAllBytes(ciphertext, ct);
        var weights = dir.File("w.json");
        File.WriteAllText(weights, "[1,2,3]");
        var values = dir.File("values.json");
        File.WriteAllText(values, "[1,2,3]");
        switch (fault)
        {
            case "truncated ciphertext": File.WriteAllBytes(ciphertext, ct[..(ct.Length / 2)]); break;
            case "truncated secret key": File.WriteAllBytes(secretKey, File.ReadAllBytes(secretKey)[..100]); break;
            case "params for another n": File.WriteAllBytes(parameters, seal.OtherParams); break;
            case "truncated galois keys": File.WriteAllBytes(galoisKeys, File.ReadAllBytes(galoisKeys)[..^1]); break;
            case "weights not JSON": File.WriteAllText(weights, "[1, 2,"); break;
            case "weights not an array": File.WriteAllText(weights, "{\"w\": [1, 2]}"); break;
            case "weight not an integer": File.WriteAllText(weights, "[1, 2.5, 3]"); break;
            case "values longer than n": File.WriteAllText(values, JsonSerializer.Serialize(new int[N + 1])); break;
            default: throw new ArgumentOutOfRangeException(nameof(fault));
        }

        string[] args = verb switch
        {
            "decrypt" => ["he", "decrypt", "--params", parameters, "--secret-key", secretKey, "--in", ciphertext],
            "dot" => ["he", "dot", "--params", parameters, "--galois-keys", galoisKeys, "--in", ciphertext, "--weights", weights, "--out", dir.File("score")],
            _ => ["he", "encrypt", "--params", parameters, "--public-key", seal.Write(dir, "publicKey"), "--values", values, "--out", dir.File("out")],
        };

        var r = Govchain.Run(args);
        Assert.True(r.ExitCode == 2, $"{fault}: exit {r.ExitCode}, {r.StdErr}");
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.StartsWith("error: ", r.StdErr, StringComparison.Ordinal);
        Assert.Contains(reason, r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.Empty(r.StdOut);
        Assert.False(File.Exists(dir.File("score")) || File.Exists(dir.File("out")), "no output file after bad input");
    }

    private static ulong Mod(BigInteger value, ulong t)
    {
        var r = value % t;
        return (ulong)(r < 0 ? r + t : r);
    }

    private static ulong[] ParseSlots(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetUInt64()).ToArray();

    /// <summary>What node-seal made for n = 4096, and node-seal as the decryptor of what our verbs write.</summary>
    private sealed class SealKeys
    {
        private const string Oracle = "scripts/he/seal-oracle.js";
        private readonly JsonElement session;

        private SealKeys(ulong t, byte[] otherParams, ulong[][] vectors, JsonElement session)
        {
            T = t;
            OtherParams = otherParams;
            Vectors = vectors;
            this.session = session;
        }

        public ulong T { get; }

        /// <summary>SEAL's default parameters for n = 8192: a well-formed blob that does not match the 4096 keys.</summary>
        public byte[] OtherParams { get; }

        public ulong[][] Vectors { get; }

        public static SealKeys Create()
        {
            var sets = Run(new JsonObject { ["cmd"] = "params", ["sets"] = new JsonArray(new JsonObject { ["n"] = N }, new JsonObject { ["n"] = 8192 }) });
            var t = ulong.Parse(sets[0].GetProperty("plain").GetString()!, CultureInfo.InvariantCulture);
            var random = new Random(4096);
            var vectors = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, N).Select(_ => (ulong)random.NextInt64((long)t)).ToArray()).ToArray();
            var steps = new JsonArray(0);
            for (var s = 1; s < N / 2; s <<= 1)
            {
                steps.Add(s);
            }

            var session = Run(new JsonObject
            {
                ["cmd"] = "session",
                ["n"] = N,
                ["steps"] = steps,
                ["vectors"] = new JsonArray(vectors.Select(v => (JsonNode)new JsonArray(v.Select(x => (JsonNode)JsonValue.Create(x.ToString(CultureInfo.InvariantCulture))).ToArray())).ToArray()),
            });
            return new SealKeys(t, Bytes(sets[1].GetProperty("none")), vectors, session);
        }

        /// <summary>Writes a SEAL blob of the session (params, secretKey, publicKey, galoisKeys) into the directory.</summary>
        public string Write(TempDirectory dir, string name)
        {
            var path = dir.File(name);
            File.WriteAllBytes(path, Bytes(session.GetProperty(name)));
            return path;
        }

        public byte[] Ciphertext(int vector, string compression) => Bytes(session.GetProperty("vectors")[vector].GetProperty(compression));

        public (ulong[] Slots, int Budget) Decrypt(byte[] ciphertext)
        {
            var answer = Run(new JsonObject
            {
                ["cmd"] = "decrypt",
                ["params"] = session.GetProperty("params").GetString(),
                ["secretKey"] = session.GetProperty("secretKey").GetString(),
                ["ciphertexts"] = new JsonArray(Convert.ToBase64String(ciphertext)),
            })[0];
            var slots = answer.GetProperty("slots").EnumerateArray().Select(e => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();
            return (slots, answer.GetProperty("budget").GetInt32());
        }

        private static JsonElement Run(JsonObject request) =>
            JsonDocument.Parse(Peers.RunScript(Oracle, stdin: request.ToJsonString(), timeout: TimeSpan.FromMinutes(2))).RootElement.Clone();

        private static byte[] Bytes(JsonElement base64) => Convert.FromBase64String(base64.GetString()!);
    }
}
