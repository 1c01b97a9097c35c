using System.Security.Cryptography;

namespace GovChain.Crypto.Tests;

/// <summary>Every verifier and decoder refuses tampered or malformed input with the right typed error and no partial output.</summary>
public sealed class NegativeTests
{
    private static readonly Sm2PrivateKey Key = Sm2PrivateKey.Generate();
    private static readonly byte[] Message = "grant consent 42 to bureau 7"u8.ToArray();

    public static TheoryData<int> SignatureBits() => new() { 0, 7, 100, 255, 256, 300, 511 };

    [Theory]
    [MemberData(nameof(SignatureBits))]
    public void Flipped_bit_in_r_or_s_is_invalid(int bit)
    {
        var raw = Key.SignData(Message).ToRaw();
        raw[bit / 8] ^= (byte)(1 << (bit % 8));
        Assert.False(Key.PublicKey.VerifyData(Message, Sm2Signature.FromRaw(raw)));
    }

    [Fact]
    public void Flipped_bit_in_message_or_id_is_invalid()
    {
        var signature = Key.SignData(Message);
        for (var bit = 0; bit < Message.Length * 8; bit += 13)
        {
            var m = (byte[])Message.Clone();
            m[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Key.PublicKey.VerifyData(m, signature));
        }

        var id = "1234567812345678"u8.ToArray();
        id[5] ^= 0x10;
        Assert.False(Key.PublicKey.VerifyData(Message, signature, id));
    }

    [Fact]
    public void Flipped_bit_in_public_key_is_invalid_or_off_curve()
    {
        var signature = Key.SignData(Message);
        var encoded = Key.PublicKey.ToUncompressed();
        for (var bit = 8; bit < encoded.Length * 8; bit += 11)
        {
            var e = (byte[])encoded.Clone();
            e[bit / 8] ^= (byte)(1 << (bit % 8));
            // A flipped coordinate bit almost always leaves the curve; either way the signature must not pass.
            var ex = Record.Exception(() => Assert.False(Sm2PublicKey.FromUncompressed(e).VerifyData(Message, signature)));
            Assert.True(ex is null or CryptoInputException, ex?.ToString());
        }
    }

    [Fact]
    public void Off_curve_public_key_is_rejected_with_reason()
    {
        var encoded = Key.PublicKey.ToUncompressed();
        encoded[^1] ^= 1;
        var ex = Assert.Throws<CryptoInputException>(() => Sm2PublicKey.FromUncompressed(encoded));
        Assert.Contains("not a point on sm2p256v1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CryptoInputException>(() => Sm2PublicKey.FromUncompressed(encoded[..64]));
        Assert.Throws<CryptoInputException>(() => Sm2PublicKey.FromHex("05" + Convert.ToHexString(encoded[1..])));
    }

    [Fact]
    public void Out_of_range_private_scalars_are_rejected()
    {
        Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromScalar(new byte[32]));
        Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromScalar(Sm2Curve.ToFixed(Sm2Curve.NMinusOne)));
        Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromScalar(Sm2Curve.ToFixed(Sm2Curve.N)));
        Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromScalar(new byte[31]));
        Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromHex("zz"));
    }

    [Fact]
    public void Signature_with_r_or_s_out_of_range_is_invalid()
    {
        var good = Key.SignData(Message).ToRaw();
        var zeroR = (byte[])good.Clone();
        Array.Clear(zeroR, 0, 32);
        Assert.False(Key.PublicKey.VerifyData(Message, Sm2Signature.FromRaw(zeroR)));
        var bigS = (byte[])good.Clone();
        Sm2Curve.WriteFixed(Sm2Curve.N, bigS.AsSpan(32));
        Assert.False(Key.PublicKey.VerifyData(Message, Sm2Signature.FromRaw(bigS)));
    }

    [Fact]
    public void Malformed_der_signatures_are_rejected()
    {
        var der = Key.SignData(Message).ToDer();
        Assert.Throws<CryptoInputException>(() => Sm2Signature.FromDer(der[..^1]));
        Assert.Throws<CryptoInputException>(() => Sm2Signature.FromDer([.. der, 0]));
        Assert.Throws<CryptoInputException>(() => Sm2Signature.FromDer([0x30, 0x00]));
        Assert.Throws<CryptoInputException>(() => Sm2Signature.FromDer([]));
        Assert.Throws<CryptoInputException>(() => Sm2Signature.FromRaw(new byte[63]));
    }

    [Theory]
    [InlineData(Sm2CipherMode.C1C3C2)]
    [InlineData(Sm2CipherMode.C1C2C3)]
    [InlineData(Sm2CipherMode.Asn1)]
    public void Truncated_sm2_ciphertext_is_rejected(Sm2CipherMode mode)
    {
        var encoded = Key.PublicKey.Encrypt(Message).Encode(mode);
        foreach (var cut in new[] { 1, 20, 40, 97, encoded.Length - 1 })
        {
            var truncated = encoded[..Math.Min(cut, encoded.Length - 1)];
            var ex = Record.Exception(() => Key.Decrypt(Sm2Ciphertext.Decode(truncated, mode)));
            Assert.IsAssignableFrom<CryptoInputException>(ex);
        }
    }

    [Theory]
    [InlineData(Sm2CipherMode.C1C3C2, 65)]
    [InlineData(Sm2CipherMode.C1C3C2, 96)]
    [InlineData(Sm2CipherMode.C1C2C3, -1)]
    public void Tampered_c3_fails_authentication(Sm2CipherMode mode, int offset)
    {
        var encoded = Key.PublicKey.Encrypt(Message).Encode(mode);
        encoded[offset >= 0 ? offset : encoded.Length + offset] ^= 0x01;
        Assert.Throws<CryptoAuthenticationException>(() => Key.Decrypt(Sm2Ciphertext.Decode(encoded, mode)));
    }

    [Fact]
    public void Tampered_c2_or_wrong_key_fails_authentication()
    {
        var encoded = Key.PublicKey.Encrypt(Message).Encode();
        var tampered = (byte[])encoded.Clone();
        tampered[^1] ^= 0x80;
        Assert.Throws<CryptoAuthenticationException>(() => Key.Decrypt(Sm2Ciphertext.Decode(tampered)));
        Assert.Throws<CryptoAuthenticationException>(() => Sm2PrivateKey.Generate().Decrypt(Sm2Ciphertext.Decode(encoded)));
    }

    [Fact]
    public void Ciphertext_with_c1_off_the_curve_is_rejected()
    {
        var encoded = Key.PublicKey.Encrypt(Message).Encode();
        encoded[40] ^= 0x04;
        Assert.Throws<CryptoInputException>(() => Sm2Ciphertext.Decode(encoded));
    }

    [Fact]
    public void Wrong_gcm_tag_aad_or_nonce_fails_authentication()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var aad = "licence-7"u8.ToArray();
        var sealedBytes = Sm4Gcm.Encrypt(key, nonce, Message, aad);
        var badTag = (byte[])sealedBytes.Clone();
        badTag[^1] ^= 1;
        Assert.Throws<CryptoAuthenticationException>(() => Sm4Gcm.Decrypt(key, nonce, badTag, aad));
        Assert.Throws<CryptoAuthenticationException>(() => Sm4Gcm.Decrypt(key, nonce, sealedBytes, "licence-8"u8));
        var otherNonce = (byte[])nonce.Clone();
        otherNonce[0] ^= 1;
        Assert.Throws<CryptoAuthenticationException>(() => Sm4Gcm.Decrypt(key, otherNonce, sealedBytes, aad));
        Assert.Throws<CryptoInputException>(() => Sm4Gcm.Decrypt(key, nonce, sealedBytes[..15], aad));
    }

    [Fact]
    public void Wrong_padding_is_rejected()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        // A block whose decryption ends in 0x00 is never valid PKCS#7.
        var block = new byte[16];
        block[15] = 0x00;
        var unpaddedCiphertext = Sm4.TransformCtr(key, iv, block);
        var rawEcb = new byte[16];
        Sm4.EncryptBlock(key, block, rawEcb);
        Assert.Throws<CryptoAuthenticationException>(() => Sm4.DecryptEcb(key, rawEcb));

        var cbc = Sm4.EncryptCbc(key, iv, Message);
        var wrongKey = RandomNumberGenerator.GetBytes(16);
        var ex = Record.Exception(() => Sm4.DecryptCbc(wrongKey, iv, cbc));
        // A wrong key yields garbage that is almost surely bad padding; it must never be a crash.
        Assert.True(ex is null or CryptoAuthenticationException);
        Assert.Throws<CryptoInputException>(() => Sm4.DecryptCbc(key, iv, cbc[..^1]));
        Assert.Throws<CryptoInputException>(() => Sm4.DecryptCbc(key, iv[..8], cbc));
        Assert.Throws<CryptoInputException>(() => Sm4.EncryptEcb(new byte[15], Message));
        Assert.NotEmpty(unpaddedCiphertext);
    }

    [Fact]
    public void Bad_pem_is_rejected_with_reason()
    {
        Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromPem("not a pem"));
        Assert.Throws<CryptoInputException>(() => Sm2PublicKey.FromPem(Key.ExportPem()));
        var pem = Key.ExportPem().Replace("A", "B", StringComparison.Ordinal);
        Assert.ThrowsAny<CryptoInputException>(() => Sm2PrivateKey.FromPem(pem));
    }

    [Fact]
    public void Non_sm2_curve_keys_are_rejected()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ex = Assert.Throws<CryptoInputException>(() => Sm2PrivateKey.FromPkcs8(p256.ExportPkcs8PrivateKey()));
        Assert.Contains("sm2p256v1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CryptoInputException>(() => Sm2PublicKey.FromSubjectPublicKeyInfo(p256.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void Hmac_verify_is_strict()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var tag = HmacSm3.HashData(key, Message);
        Assert.True(HmacSm3.Verify(key, Message, tag));
        tag[3] ^= 1;
        Assert.False(HmacSm3.Verify(key, Message, tag));
        Assert.False(HmacSm3.Verify(key, Message, tag[..31]));
    }
}
