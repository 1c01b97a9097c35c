using GovChain.He.Serialization;
using Xunit;

namespace GovChain.He.Tests;

/// <summary>Ciphertexts and keys made by node-seal (SEAL 4.1), opened and used by GovChain.He.</summary>
public sealed class SealToUsTests
{
    public static TheoryData<int> Degrees => new() { 4096, 8192, 16384 };

    [Theory]
    [MemberData(nameof(Degrees))]
    public void DecryptsSealCiphertextsInEveryCompressionMode(int n)
    {
        var session = SealSession.For(n);
        var decryptor = new Decryptor(session.Context, session.SecretKey);
        var encoder = new BatchEncoder(session.Context);
        var vectors = session.Raw.GetProperty("vectors");
        for (var i = 0; i < SealSession.VectorCount; i++)
        {
            foreach (var mode in new[] { "none", "zlib", "zstd" })
            {
                var ct = Ciphertext.Load(session.Context, SealOracle.Bytes(vectors[i].GetProperty(mode)));
                Assert.Equal(session.Vectors[i], encoder.Decode(decryptor.Decrypt(ct)));
                if (mode == "none")
                {
                    // The budget is a pure function of the ciphertext and key: it must match SEAL's exactly.
                    Assert.Equal(vectors[i].GetProperty("budget").GetInt32(), decryptor.InvariantNoiseBudget(ct));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Degrees))]
    public void ExpandsSeedsOfSealsCompactSymmetricCiphertexts(int n)
    {
        var session = SealSession.For(n);
        var decryptor = new Decryptor(session.Context, session.SecretKey);
        var encoder = new BatchEncoder(session.Context);
        var seeded = session.Raw.GetProperty("seeded");
        for (var i = 0; i < seeded.GetArrayLength(); i++)
        {
            var blob = SealOracle.Bytes(seeded[i]);
            Assert.True(blob.Length < session.Context.DataLevel.WordCount * 8 * 2, "SEAL stored the seed, not c1");
            var ct = Ciphertext.Load(session.Context, blob);
            Assert.Equal(session.Vectors[i], encoder.Decode(decryptor.Decrypt(ct)));
        }
    }

    [Fact]
    public void DecryptsSealsThreePolynomialProducts()
    {
        var session = SealSession.For(8192);
        var answer = SealOracle.Run(new System.Text.Json.Nodes.JsonObject
        {
            ["cmd"] = "evaluate",
            ["params"] = SealOracle.B64(session.ParamsBlob),
            ["secretKey"] = SealOracle.B64(session.SecretKeyBlob),
            ["ciphertext"] = SealOracle.B64(SealOracle.Bytes(session.Raw.GetProperty("vectors")[4].GetProperty("none"))),
            ["ops"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["op"] = "square" }),
        });
        var ct = Ciphertext.Load(session.Context, SealOracle.Bytes(answer.GetProperty("ciphertext")));
        Assert.Equal(3, ct.Size);
        var t = session.Context.PlainModulus.Value;
        var expected = Expected.Map(session.Vectors[4], session.Vectors[4], t, (a, b) => a * b);
        var decryptor = new Decryptor(session.Context, session.SecretKey);
        Assert.Equal(expected, new BatchEncoder(session.Context).Decode(decryptor.Decrypt(ct)));
        Assert.Equal(answer.GetProperty("budget").GetInt32(), decryptor.InvariantNoiseBudget(ct));
    }

    [Theory]
    [MemberData(nameof(Degrees))]
    public void BatchEncodingIsByteIdenticalToSeals(int n)
    {
        var session = SealSession.For(n);
        var sealPlain = SealOracle.Bytes(session.Raw.GetProperty("plain"));
        var ours = new BatchEncoder(session.Context).Encode(session.Vectors[0]);
        Assert.Equal(sealPlain, ours.Save(ComprMode.None));
        Assert.Equal(ours.Coefficients, Plaintext.Load(session.Context, sealPlain).Coefficients);
    }

    [Theory]
    [MemberData(nameof(Degrees))]
    public void SecretAndPublicKeysRoundTripByteForByte(int n)
    {
        var session = SealSession.For(n);
        Assert.Equal(session.SecretKeyBlob, session.SecretKey.Save(ComprMode.None));
        var pkNone = session.PublicKey.Save(ComprMode.None);
        Assert.Equal(pkNone, Keys.PublicKey.Load(session.Context, session.PublicKey.Save(ComprMode.Zlib)).Save(ComprMode.None));
        var ct = SealOracle.Bytes(session.Raw.GetProperty("vectors")[0].GetProperty("none"));
        Assert.Equal(ct, Ciphertext.Load(session.Context, ct).Save(ComprMode.None));
    }
}
