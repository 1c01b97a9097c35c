using GovChain.Crypto.Suites;

namespace GovChain.Crypto.Tests;

/// <summary>Both suites behind the same interfaces: known answers where a standard gives them, and tamper checks.</summary>
public sealed class SuiteTests
{
    [Theory]
    [InlineData("gm", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("intl", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Hash_of_abc_matches_the_standard(string suite, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(CryptoSuite.FromName(suite).Hash.Hash("abc"u8)));

    [Theory]
    [InlineData("gm")]
    [InlineData("intl")]
    public void Signatures_verify_and_tampering_fails(string suite)
    {
        var scheme = CryptoSuite.FromName(suite).Signatures;
        var key = scheme.GenerateKey();
        var signature = key.Sign("record"u8);
        var imported = scheme.ImportPublicKey(key.PublicKey.Export());
        Assert.True(imported.Verify("record"u8, signature));
        Assert.False(imported.Verify("recorD"u8, signature));
        signature[0] ^= 1;
        Assert.False(imported.Verify("record"u8, signature));
        Assert.False(imported.Verify("record"u8, signature[..10]));
        Assert.Throws<CryptoInputException>(() => scheme.ImportPublicKey(new byte[7]));
    }

    [Fact]
    public void ChaCha20Poly1305_matches_rfc8439_section_2_8_2()
    {
        var aead = CryptoSuite.Intl.Aead;
        var key = Convert.FromHexString("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        var nonce = Convert.FromHexString("070000004041424344454647");
        var aad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
        var plaintext = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."u8.ToArray();
        var sealedBytes = aead.Seal(key, nonce, plaintext, aad);
        Assert.Equal("1ae10b594f09e26a7e902ecbd0600691", Convert.ToHexStringLower(sealedBytes[^16..]));
        Assert.Equal("d31a8d34648e60db7b86afbc53ef7ec2", Convert.ToHexStringLower(sealedBytes[..16]));
        Assert.Equal(plaintext, aead.Open(key, nonce, sealedBytes, aad));
        sealedBytes[^1] ^= 1;
        Assert.Throws<CryptoAuthenticationException>(() => aead.Open(key, nonce, sealedBytes, aad));
    }

    [Theory]
    [InlineData("gm")]
    [InlineData("intl")]
    public void Aead_round_trips_and_rejects_bad_sizes(string suite)
    {
        var aead = CryptoSuite.FromName(suite).Aead;
        var key = new byte[aead.KeySizeInBytes];
        var nonce = new byte[aead.NonceSizeInBytes];
        var sealedBytes = aead.Seal(key, nonce, "x"u8, "ad"u8);
        Assert.Equal(1 + aead.TagSizeInBytes, sealedBytes.Length);
        Assert.Equal("x"u8.ToArray(), aead.Open(key, nonce, sealedBytes, "ad"u8));
        Assert.Throws<CryptoAuthenticationException>(() => aead.Open(key, nonce, sealedBytes, "AD"u8));
        Assert.Throws<CryptoInputException>(() => aead.Seal(new byte[3], nonce, "x"u8, default));
    }

    [Fact]
    public void Unknown_suite_is_rejected() => Assert.Throws<CryptoInputException>(() => CryptoSuite.FromName("rot13"));
}
