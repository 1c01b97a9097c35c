using System.Text.Json.Nodes;
using GovChain.He.Hashing;
using GovChain.He.Serialization;
using Xunit;

namespace GovChain.He.Tests;

/// <summary>GovChain.He outputs (ciphertexts, evaluations, keys) judged by node-seal.</summary>
public sealed class UsToSealTests
{
    public static TheoryData<int> Degrees => new() { 4096, 8192, 16384 };

    private static Blake2xbRandom Seeded(int seed)
    {
        var s = new byte[Blake2xbRandom.SeedBytes];
        new Random(seed).NextBytes(s);
        return new Blake2xbRandom(s);
    }

    [Theory]
    [MemberData(nameof(Degrees))]
    public void SealDecryptsOurEncryptionsUnderItsKeys(int n)
    {
        var session = SealSession.For(n);
        var encoder = new BatchEncoder(session.Context);
        var encryptor = new Encryptor(session.Context, session.PublicKey, session.SecretKey, Seeded(n));
        var blobs = new List<byte[]>();
        var modes = new[] { ComprMode.None, ComprMode.Zlib, ComprMode.Zstd };
        for (var i = 0; i < 6; i++)
        {
            var plain = encoder.Encode(session.Vectors[i]);
            var ct = i % 2 == 0 ? encryptor.Encrypt(plain) : encryptor.EncryptSymmetric(plain);
            blobs.Add(ct.Save(modes[i % 3]));
        }

        var results = session.SealDecrypt(blobs);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(session.Vectors[i], results[i].Slots);
            Assert.True(results[i].Budget > 0);
        }
    }

    [Theory]
    [MemberData(nameof(Degrees))]
    public void OurRotationsWithSealsGaloisKeysDecryptInSeal(int n)
    {
        var session = SealSession.For(n);
        var context = session.Context;
        var t = context.PlainModulus.Value;
        var ct = Ciphertext.Load(context, SealOracle.Bytes(session.Raw.GetProperty("vectors")[0].GetProperty("none")));
        var evaluator = new Evaluator(context);
        var outputs = new List<(byte[] Blob, ulong[] Expected)>
        {
            (evaluator.RotateRows(ct, 1, session.GaloisKeys).Save(), Expected.RotateRows(session.Vectors[0], 1)),
        };
        if (n <= 8192)
        {
            outputs.Add((evaluator.RotateRows(ct, -1, session.GaloisKeys).Save(), Expected.RotateRows(session.Vectors[0], -1)));
            outputs.Add((evaluator.RotateColumns(ct, session.GaloisKeys).Save(), Expected.RotateColumns(session.Vectors[0])));
        }

        if (n == 4096)
        {
            outputs.Add((evaluator.RotateRows(ct, 77, session.GaloisKeys).Save(), Expected.RotateRows(session.Vectors[0], 77)));
            var weights = Enumerable.Range(0, 50).Select(i => (ulong)((i * 7919) + 13) % t).ToArray();
            var encoder = new BatchEncoder(context);
            var dot = evaluator.SumSlots(evaluator.MultiplyPlain(ct, encoder.Encode(weights)), session.GaloisKeys);
            outputs.Add((dot.Save(ComprMode.Zstd), Enumerable.Repeat(Expected.Dot(session.Vectors[0], weights, t), n).ToArray()));
        }

        var results = session.SealDecrypt(outputs.Select(o => o.Blob));
        for (var i = 0; i < outputs.Count; i++)
        {
            Assert.Equal(outputs[i].Expected, results[i].Slots);
        }
    }

    [Fact]
    public void UsesSealsSeededPublicAndGaloisKeys()
    {
        var session = SealSession.For(4096);
        var context = session.Context;
        var answer = SealOracle.Run(new JsonObject
        {
            ["cmd"] = "seededKeys",
            ["params"] = SealOracle.B64(session.ParamsBlob),
            ["secretKey"] = SealOracle.B64(session.SecretKeyBlob),
            ["steps"] = new JsonArray(3),
        });
        var pkBlob = SealOracle.Bytes(answer.GetProperty("publicKey"));
        Assert.True(pkBlob.Length < context.KeyLevel.WordCount * 8 * 2, "SEAL stored the public key's seed");
        var pk = Keys.PublicKey.Load(context, pkBlob);
        var gk = Keys.GaloisKeys.Load(context, SealOracle.Bytes(answer.GetProperty("galoisKeys")));
        var encoder = new BatchEncoder(context);
        var ct = new Encryptor(context, pk, null, Seeded(5)).Encrypt(encoder.Encode(session.Vectors[5]));
        var rotated = new Evaluator(context).RotateRows(ct, 3, gk);
        var results = session.SealDecrypt([ct.Save(), rotated.Save()]);
        Assert.Equal(session.Vectors[5], results[0].Slots);
        Assert.Equal(Expected.RotateRows(session.Vectors[5], 3), results[1].Slots);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(8192)]
    public void SealUsesOurPublicAndGaloisKeys(int n)
    {
        var parameters = EncryptionParameters.BfvDefault(n);
        var context = new HeContext(parameters);
        var keygen = new KeyGenerator(context, Seeded(n + 1));
        var pk = keygen.CreatePublicKey();
        var gk = keygen.CreateGaloisKeys([1, 0, -3]);
        var t = parameters.PlainModulus.Value;
        var random = new Random(n + 2);
        var values = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64((long)t)).ToArray();
        var answer = SealOracle.Run(new JsonObject
        {
            ["cmd"] = "evaluate",
            ["params"] = SealOracle.B64(parameters.Save(ComprMode.Zlib)),
            ["publicKey"] = SealOracle.B64(pk.Save(ComprMode.Zstd)),
            ["galoisKeys"] = SealOracle.B64(gk.Save(ComprMode.Zlib)),
            ["values"] = SealOracle.Values(values),
            ["ops"] = new JsonArray(
                new JsonObject { ["op"] = "rotateRows", ["steps"] = 1 },
                new JsonObject { ["op"] = "rotateColumns" },
                new JsonObject { ["op"] = "rotateRows", ["steps"] = -3 }),
        });
        var ct = Ciphertext.Load(context, SealOracle.Bytes(answer.GetProperty("ciphertext")));
        var decrypted = new BatchEncoder(context).Decode(new Decryptor(context, keygen.SecretKey).Decrypt(ct));
        var expected = Expected.RotateRows(Expected.RotateColumns(Expected.RotateRows(values, 1)), -3);
        Assert.Equal(expected, decrypted);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(8192)]
    public void NoiseBudgetTracksSealAfterTheSameOperations(int n)
    {
        var session = SealSession.For(n);
        var context = session.Context;
        var t = context.PlainModulus.Value;
        var blob = SealOracle.Bytes(session.Raw.GetProperty("vectors")[2].GetProperty("none"));
        var random = new Random(n + 3);
        var factors = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64((long)t)).ToArray();
        var addend = Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64((long)t)).ToArray();
        var answer = SealOracle.Run(new JsonObject
        {
            ["cmd"] = "evaluate",
            ["params"] = SealOracle.B64(session.ParamsBlob),
            ["secretKey"] = SealOracle.B64(session.SecretKeyBlob),
            ["galoisKeys"] = SealOracle.B64(session.GaloisKeys.Save(ComprMode.Zstd)),
            ["ciphertext"] = SealOracle.B64(blob),
            ["ops"] = new JsonArray(
                new JsonObject { ["op"] = "multiplyPlain", ["values"] = SealOracle.Values(factors) },
                new JsonObject { ["op"] = "rotateRows", ["steps"] = 1 },
                new JsonObject { ["op"] = "addPlain", ["values"] = SealOracle.Values(addend) },
                new JsonObject { ["op"] = "subPlain", ["values"] = SealOracle.Values(factors) },
                new JsonObject { ["op"] = "negate" },
                new JsonObject { ["op"] = "add" }),
        });

        var encoder = new BatchEncoder(context);
        var evaluator = new Evaluator(context);
        var ct = Ciphertext.Load(context, blob);
        ct = evaluator.MultiplyPlain(ct, encoder.Encode(factors));
        ct = evaluator.RotateRows(ct, 1, session.GaloisKeys);
        ct = evaluator.AddPlain(ct, encoder.Encode(addend));
        ct = evaluator.SubPlain(ct, encoder.Encode(factors));
        ct = evaluator.Negate(ct);
        ct = evaluator.Add(ct, ct);

        var expected = Expected.Map(Expected.RotateRows(Expected.Map(session.Vectors[2], factors, t, (a, b) => a * b), 1), addend, t, (a, b) => a + b);
        expected = Expected.Map(expected, factors, t, (a, b) => -2 * (a - b));
        var decryptor = new Decryptor(context, session.SecretKey);
        Assert.Equal(expected, encoder.Decode(decryptor.Decrypt(ct)));
        Assert.Equal(expected, SealOracle.Slots(answer.GetProperty("slots")));
        var ours = decryptor.InvariantNoiseBudget(ct);
        var seal = answer.GetProperty("budget").GetInt32();
        Assert.True(Math.Abs(ours - seal) <= 2, $"noise budget ours {ours} vs SEAL {seal}");
        Assert.True(ours > 0);
    }
}
