using System.Text;
using Org.BouncyCastle.Math;

namespace GovChain.Crypto.Tests;

/// <summary>GB/T 32905 (SM3), GB/T 32907 (SM4), RFC 8998 (SM4-GCM) and GB/T 32918.5 Annex A (SM2) worked examples.</summary>
public sealed class OfficialVectorTests
{
    [Fact]
    public void Sm3_matches_gbt32905_examples()
    {
        foreach (var c in GmVectors.Load("sm3.json").GetProperty("cases").EnumerateArray())
        {
            var digest = Sm3.HashData(Encoding.ASCII.GetBytes(c.Text("message_ascii")));
            Assert.Equal(c.Text("digest"), GmVectors.Hex(digest));
        }
    }

    [Fact]
    public void Sm4_single_block_matches_gbt32907_example_1()
    {
        var v = GmVectors.Load("sm4.json").GetProperty("block");
        var output = new byte[16];
        Sm4.EncryptBlock(v.Bytes("key"), v.Bytes("plaintext"), output);
        Assert.Equal(v.Text("ciphertext"), GmVectors.Hex(output));
    }

    [Fact]
    public void Sm4_million_iterations_match_gbt32907_example_2()
    {
        var v = GmVectors.Load("sm4.json").GetProperty("iterated");
        var key = v.Bytes("key");
        var block = v.Bytes("plaintext");
        var next = new byte[16];
        for (var i = 0; i < v.GetProperty("iterations").GetInt32(); i++)
        {
            Sm4.EncryptBlock(key, block, next);
            (block, next) = (next, block);
        }

        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", GmVectors.Hex(block));
        Assert.Equal(v.Text("ciphertext"), GmVectors.Hex(block));
    }

    [Fact]
    public void Sm4_gcm_matches_rfc8998_appendix_a1()
    {
        var v = GmVectors.Load("sm4.json").GetProperty("gcm");
        var sealedBytes = Sm4Gcm.Encrypt(v.Bytes("key"), v.Bytes("nonce"), v.Bytes("plaintext"), v.Bytes("aad"));
        Assert.Equal(v.Text("ciphertext") + v.Text("tag"), GmVectors.Hex(sealedBytes));
        Assert.Equal(v.Bytes("plaintext"), Sm4Gcm.Decrypt(v.Bytes("key"), v.Bytes("nonce"), sealedBytes, v.Bytes("aad")));
    }

    [Fact]
    public void Sm2_signature_reproduces_gbt32918_annex_a_exactly()
    {
        var v = GmVectors.Load("sm2.json").GetProperty("signature");
        var key = Sm2PrivateKey.FromScalar(v.Bytes("private_key"));
        var id = Encoding.ASCII.GetBytes(v.Text("user_id_ascii"));
        var message = Encoding.ASCII.GetBytes(v.Text("message_ascii"));

        Assert.Equal(v.Text("public_key"), GmVectors.Hex(key.PublicKey.ToUncompressed()));
        var za = key.PublicKey.ComputeZa(id);
        Assert.Equal(v.Text("za"), GmVectors.Hex(za));
        Assert.Equal(v.Text("e"), GmVectors.Hex(Sm3.HashData([.. za, .. message])));

        var signature = key.Sign(message, id, new BigInteger(1, v.Bytes("k")));
        Assert.Equal(v.Text("r"), GmVectors.Hex(signature.R.ToArray()));
        Assert.Equal(v.Text("s"), GmVectors.Hex(signature.S.ToArray()));
        Assert.True(key.PublicKey.VerifyData(message, signature, id));
        Assert.True(key.PublicKey.VerifyData(message, Sm2Signature.FromDer(signature.ToDer())));
    }

    [Fact]
    public void Sm2_encryption_reproduces_gbt32918_annex_a_exactly()
    {
        var v = GmVectors.Load("sm2.json").GetProperty("encryption");
        var key = Sm2PrivateKey.FromScalar(v.Bytes("private_key"));
        var message = Encoding.ASCII.GetBytes(v.Text("message_ascii"));

        var ciphertext = Sm2Encryption.Encrypt(key.PublicKey, message, new BigInteger(1, v.Bytes("k")));
        Assert.Equal(v.Text("c1"), GmVectors.Hex(ciphertext.C1.ToArray()));
        Assert.Equal(v.Text("c3"), GmVectors.Hex(ciphertext.C3.ToArray()));
        Assert.Equal(v.Text("c2"), GmVectors.Hex(ciphertext.C2.ToArray()));
        Assert.Equal(v.Text("c1") + v.Text("c3") + v.Text("c2"), GmVectors.Hex(ciphertext.Encode(Sm2CipherMode.C1C3C2)));
        Assert.Equal(v.Text("c1") + v.Text("c2") + v.Text("c3"), GmVectors.Hex(ciphertext.Encode(Sm2CipherMode.C1C2C3)));
        Assert.Equal(v.Text("asn1"), GmVectors.Hex(ciphertext.Encode(Sm2CipherMode.Asn1)));

        foreach (var mode in Enum.GetValues<Sm2CipherMode>())
        {
            Assert.Equal(message, key.Decrypt(Sm2Ciphertext.Decode(ciphertext.Encode(mode), mode)));
        }
    }
}
