using GovChain.CreditService.Domain;
using GovChain.He;
using GovChain.Ledger.Codec;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class EncryptedQueryEngineTests : IClassFixture<RegisteredKeys>, IDisposable
{
    private readonly BureauKeys bureau;
    private readonly TempDirectory dir = new();
    private readonly SealKeyRegistry keys;
    private readonly SealKeyRegistry registered;
    private readonly Hash32 keyId;
    private readonly EncryptedQueryEngine engine;

    public EncryptedQueryEngineTests(RegisteredKeys shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        bureau = shared.Bureau;
        registered = shared.Registry;
        keyId = Hash32Of(shared.KeyId);
        keys = new SealKeyRegistry(new BlobStore(dir.File("blobs")), dir.File("keys"));
        engine = new EncryptedQueryEngine(registered);
    }

    private static Hash32 Hash32Of(string hex) => new(Convert.FromHexString(hex));

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ScoreDecryptsToThePlaintextInnerProduct()
    {
        var random = new Random(7);
        for (var round = 0; round < 2; round++)
        {
            var weights = Enumerable.Range(0, 9).Select(_ => (ulong)random.Next(0, 100)).ToArray();
            var features = Enumerable.Range(0, 9).Select(_ => (ulong)random.Next(0, 1000)).ToArray();
            var input = bureau.EncryptWeights(weights);
            var score = engine.Evaluate(keyId, input, features);
            Assert.Equal(bureau.PlainScore(weights, features), bureau.DecryptScore(score.Ciphertext));
            Assert.Equal(Hash32.Compute(input), score.InputHash);
            Assert.Equal(Hash32.Compute(score.Ciphertext), score.OutputHash);
        }
    }

    [Fact]
    public void TheSameUploadGetsTheSameKeyIdAndSurvivesARestart()
    {
        var first = keys.Register(bureau.ParametersBlob, bureau.PublicKeyBlob, bureau.GaloisKeysBlob);
        var second = keys.Register(bureau.ParametersBlob, bureau.PublicKeyBlob, bureau.GaloisKeysBlob);
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(SealKeySet.ComputeKeyId(bureau.ParametersBlob, bureau.PublicKeyBlob, bureau.GaloisKeysBlob), first.KeyId);

        var restarted = new SealKeyRegistry(new BlobStore(dir.File("blobs")), dir.File("keys"), capacity: 1);
        Assert.Equal(first.KeyId, restarted.Get(first.KeyId).KeyId);
    }

    [Fact]
    public void AnUnknownKeyIdIsNotFound()
    {
        var unknown = Hash32.Compute([1, 2, 3]);
        Assert.Throws<ResourceNotFoundException>(() => engine.Evaluate(unknown, bureau.EncryptWeights([1]), [1]));
    }

    [Fact]
    public void TruncatedParametersNameTheField()
    {
        var ex = Assert.Throws<MalformedInputException>(() =>
            keys.Register(bureau.ParametersBlob.AsSpan(0, bureau.ParametersBlob.Length - 3), bureau.PublicKeyBlob, bureau.GaloisKeysBlob));
        Assert.Equal("parameters", ex.Field);
    }

    [Fact]
    public void APublicKeyWithoutTheSealMagicNamesTheField()
    {
        var bad = (byte[])bureau.PublicKeyBlob.Clone();
        bad[0] ^= 0xFF;
        var ex = Assert.Throws<MalformedInputException>(() => keys.Register(bureau.ParametersBlob, bad, bureau.GaloisKeysBlob));
        Assert.Equal("public_key", ex.Field);
        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysMadeForOtherParametersAreRefused()
    {
        var other = new KeyGenerator(new HeContext(EncryptionParameters.BfvDefault(8192, plainBits: 21))).CreatePublicKey().Save();
        var ex = Assert.Throws<MalformedInputException>(() => keys.Register(bureau.ParametersBlob, other, bureau.GaloisKeysBlob));
        Assert.Equal("public_key", ex.Field);
        Assert.Contains("parms_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GaloisKeysMissingARotationAreRefused()
    {
        var partial = bureau.Generator.CreateGaloisKeys([0, 1, 2]).Save();
        var ex = Assert.Throws<MalformedInputException>(() => keys.Register(bureau.ParametersBlob, bureau.PublicKeyBlob, partial));
        Assert.Equal("galois_keys", ex.Field);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersTooSmallToFloodTheNoiseAreRefused()
    {
        var small = BureauKeys.For(EncryptionParameters.BfvDefault(4096));
        var ex = Assert.Throws<MalformedInputException>(() => keys.Register(small.ParametersBlob, small.PublicKeyBlob, small.GaloisKeysBlob));
        Assert.Equal("parameters", ex.Field);
        Assert.Contains("8192", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(4000)]
    public void MalformedWeightsNameTheField(int keep)
    {
        var weights = bureau.EncryptWeights([1, 2, 3]);
        var ex = Assert.Throws<MalformedInputException>(() => engine.Evaluate(keyId, weights.AsSpan(0, keep), [1, 2, 3]));
        Assert.Equal("encrypted_weights", ex.Field);
    }

    [Fact]
    public void WeightsEncryptedUnderOtherParametersAreRefused()
    {
        var otherContext = new HeContext(EncryptionParameters.BfvDefault(8192, plainBits: 21));
        var foreign = new Encryptor(otherContext, new KeyGenerator(otherContext).CreatePublicKey()).Encrypt(new BatchEncoder(otherContext).Encode([1UL])).Save();
        var ex = Assert.Throws<MalformedInputException>(() => engine.Evaluate(keyId, foreign, [1]));
        Assert.Equal("encrypted_weights", ex.Field);
    }
}
