using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.He.Keys;

namespace GovChain.He.Tests;

/// <summary>
/// Keys and ciphertexts made by node-seal for one n (20 seeded random vectors, alternately public-key and symmetric
/// encryptions), cached per n so every test of the assembly shares one node run.
/// </summary>
internal sealed class SealSession
{
    public const int VectorCount = 20;
    private static readonly ConcurrentDictionary<int, Lazy<SealSession>> Cache = new();

    private SealSession(int n)
    {
        N = n;
        Parameters = EncryptionParameters.BfvDefault(n);
        Context = new HeContext(Parameters);
        var random = new Random(4000 + n);
        var t = Parameters.PlainModulus.Value;
        Vectors = Enumerable.Range(0, VectorCount)
            .Select(_ => Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64((long)t)).ToArray())
            .ToArray();
        var request = new JsonObject
        {
            ["cmd"] = "session",
            ["n"] = n,
            ["vectors"] = new JsonArray(Vectors.Select(v => (JsonNode)SealOracle.Values(v)).ToArray()),
        };
        if (Steps(n) is { } steps)
        {
            request["steps"] = new JsonArray(steps.Select(s => (JsonNode)s).ToArray());
        }

        Raw = SealOracle.Run(request);
        ParamsBlob = SealOracle.Bytes(Raw.GetProperty("params"));
        SecretKeyBlob = SealOracle.Bytes(Raw.GetProperty("secretKey"));
        SecretKey = SecretKey.Load(Context, SecretKeyBlob);
        PublicKey = PublicKey.Load(Context, SealOracle.Bytes(Raw.GetProperty("publicKey")));
        GaloisKeys = GaloisKeys.Load(Context, SealOracle.Bytes(Raw.GetProperty("galoisKeys")));
    }

    public int N { get; }

    public EncryptionParameters Parameters { get; }

    public HeContext Context { get; }

    public ulong[][] Vectors { get; }

    public JsonElement Raw { get; }

    public byte[] ParamsBlob { get; }

    public byte[] SecretKeyBlob { get; }

    public SecretKey SecretKey { get; }

    public PublicKey PublicKey { get; }

    public GaloisKeys GaloisKeys { get; }

    public static SealSession For(int n) => Cache.GetOrAdd(n, k => new Lazy<SealSession>(() => new SealSession(k))).Value;

    /// <summary>All power-of-two keys at 4096; a few steps at larger n, where a full set is tens of megabytes.</summary>
    public static int[]? Steps(int n) => n switch
    {
        4096 => null,
        8192 => [1, -1, 0],
        _ => [1],
    };

    /// <summary>Asks node-seal to decrypt with its own secret key.</summary>
    public (ulong[] Slots, int Budget)[] SealDecrypt(IEnumerable<byte[]> ciphertexts)
    {
        var answer = SealOracle.Run(new JsonObject
        {
            ["cmd"] = "decrypt",
            ["params"] = SealOracle.B64(ParamsBlob),
            ["secretKey"] = SealOracle.B64(SecretKeyBlob),
            ["ciphertexts"] = new JsonArray(ciphertexts.Select(c => (JsonNode)SealOracle.B64(c)).ToArray()),
        });
        return answer.EnumerateArray().Select(e => (SealOracle.Slots(e.GetProperty("slots")), e.GetProperty("budget").GetInt32())).ToArray();
    }
}
