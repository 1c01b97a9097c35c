using System.Text.Json.Nodes;
using GovChain.He.Arithmetic;
using GovChain.He.Serialization;
using Xunit;

namespace GovChain.He.Tests;

public sealed class ParametersTests
{
    private static readonly Lazy<System.Text.Json.JsonElement> Oracle = new(() => SealOracle.Run(new JsonObject
    {
        ["cmd"] = "params",
        ["sets"] = new JsonArray(
            new JsonObject { ["n"] = 4096 },
            new JsonObject { ["n"] = 8192 },
            new JsonObject { ["n"] = 16384 },
            new JsonObject { ["n"] = 4096, ["plainBits"] = 17 },
            new JsonObject { ["n"] = 8192, ["coeffBits"] = new JsonArray(60, 60, 60), ["plainBits"] = 30 },
            new JsonObject { ["n"] = 16384, ["coeffBits"] = new JsonArray(60, 60, 60, 60, 60, 60, 60), ["plainBits"] = 40 }),
    }));

    private static EncryptionParameters Ours(int index) => index switch
    {
        0 => EncryptionParameters.BfvDefault(4096),
        1 => EncryptionParameters.BfvDefault(8192),
        2 => EncryptionParameters.BfvDefault(16384),
        3 => EncryptionParameters.BfvDefault(4096, 17),
        4 => new EncryptionParameters(8192, CoeffModulus.Create(8192, [60, 60, 60]), PlainModulus.Batching(8192, 30)),
        _ => new EncryptionParameters(16384, CoeffModulus.Create(16384, [60, 60, 60, 60, 60, 60, 60]), PlainModulus.Batching(16384, 40)),
    };

    public static TheoryData<int> Sets => new() { 0, 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Sets))]
    public void ParmsIdAndBytesEqualSeal(int index)
    {
        var seal = Oracle.Value[index];
        var ours = Ours(index);
        var context = new HeContext(ours);
        Assert.Equal(seal.GetProperty("coeff").EnumerateArray().Select(e => e.GetString()), ours.CoeffModulus.Select(q => q.ToString()));
        Assert.Equal(seal.GetProperty("plain").GetString(), ours.PlainModulus.ToString());
        Assert.Equal(Words(seal.GetProperty("keyParmsId")), Words(context.KeyLevel.ParmsId));
        Assert.Equal(Words(seal.GetProperty("firstParmsId")), Words(context.DataLevel.ParmsId));
        Assert.Equal(SealOracle.Bytes(seal.GetProperty("none")), ours.Save(ComprMode.None));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void LoadsSealBlobsInEveryCompressionMode(int index)
    {
        var seal = Oracle.Value[index];
        foreach (var mode in new[] { "none", "zlib", "zstd" })
        {
            var loaded = EncryptionParameters.Load(SealOracle.Bytes(seal.GetProperty(mode)));
            Assert.Equal(Ours(index).ParmsId, loaded.ParmsId);
        }

        foreach (var mode in new[] { ComprMode.Zlib, ComprMode.Zstd })
        {
            Assert.Equal(Ours(index).ParmsId, EncryptionParameters.Load(Ours(index).Save(mode)).ParmsId);
        }
    }

    [Fact]
    public void RejectsChainsBeyondTheSecurityTable()
    {
        var tooBig = new EncryptionParameters(4096, CoeffModulus.Create(4096, [40, 40, 40]), PlainModulus.Batching(4096, 20));
        var e = Assert.Throws<HeFormatException>(() => new HeContext(tooBig));
        Assert.Contains("security", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(32768)]
    public void RejectsUnsupportedDegrees(int n)
    {
        var p = new EncryptionParameters(n, CoeffModulus.Create(n, [27, 27]), PlainModulus.Batching(n, 20));
        Assert.Contains("not supported", Assert.Throws<HeFormatException>(() => new HeContext(p)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsNonBatchingPlainModulusAndRepeatedPrimes()
    {
        var q = CoeffModulus.BfvDefault(4096);
        Assert.Throws<HeFormatException>(() => new HeContext(new EncryptionParameters(4096, q, new Modulus(65536))));
        Assert.Throws<HeFormatException>(() => new HeContext(new EncryptionParameters(4096, [q[0], q[0], q[2]], PlainModulus.Batching(4096, 20))));
        Assert.Throws<HeFormatException>(() => new HeContext(new EncryptionParameters(4096, [q[0]], PlainModulus.Batching(4096, 20))));
    }

    [Fact]
    public void RejectsBadParameterBlobs()
    {
        var good = EncryptionParameters.BfvDefault(4096).Save();
        Assert.Throws<HeFormatException>(() => EncryptionParameters.Load(good.AsSpan(0, good.Length - 1)));
        var badMagic = (byte[])good.Clone();
        badMagic[0] ^= 1;
        Assert.Contains("magic", Assert.Throws<HeFormatException>(() => EncryptionParameters.Load(badMagic)).Message, StringComparison.Ordinal);
        var badScheme = (byte[])good.Clone();
        badScheme[16] = 2;
        Assert.Contains("BFV", Assert.Throws<HeFormatException>(() => EncryptionParameters.Load(badScheme)).Message, StringComparison.Ordinal);
    }

    private static string[] Words(System.Text.Json.JsonElement e) =>
        e.EnumerateArray().Select(w => ulong.Parse(w.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string[] Words(ParmsId id) => id.ToString().Split(' ');
}
