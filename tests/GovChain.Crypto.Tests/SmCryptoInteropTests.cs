using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.TestSupport;

namespace GovChain.Crypto.Tests;

/// <summary>npm sm-crypto@0.5.8, the library of most government web front ends, as the judge (run under node).</summary>
public sealed class SmCryptoInteropTests
{
    private const int Cases = 50;

    [Fact]
    public void Sm_crypto_accepts_our_signatures_ciphertexts_and_sm4()
    {
        var verify = new JsonArray();
        var decrypt = new JsonArray();
        var sm4 = new JsonArray();
        var hmac = new JsonArray();
        var sm3 = new JsonArray();
        var expected = new List<(byte[] Message, byte[] Key, byte[] Data)>();
        for (var i = 0; i < Cases; i++)
        {
            var key = Sm2PrivateKey.Generate();
            var message = RandomNumberGenerator.GetBytes(1 + RandomNumberGenerator.GetInt32(200));
            var pub = Hex(key.PublicKey.ToUncompressed());
            var priv = Hex(key.ExportScalar());
            var signature = key.SignData(message);
            verify.Add(new JsonObject { ["pub"] = pub, ["msg"] = Hex(message), ["sig"] = Hex(signature.ToDer()), ["der"] = true });
            verify.Add(new JsonObject { ["pub"] = pub, ["msg"] = Hex(message), ["sig"] = Hex(signature.ToRaw()), ["der"] = false });
            var ct = key.PublicKey.Encrypt(message);
            decrypt.Add(new JsonObject { ["priv"] = priv, ["ct"] = Hex(ct.Encode(Sm2CipherMode.C1C3C2)), ["mode"] = 1 });
            decrypt.Add(new JsonObject { ["priv"] = priv, ["ct"] = Hex(ct.Encode(Sm2CipherMode.C1C2C3)), ["mode"] = 0 });
            var sm4Key = RandomNumberGenerator.GetBytes(16);
            var iv = RandomNumberGenerator.GetBytes(16);
            sm4.Add(new JsonObject { ["key"] = Hex(sm4Key), ["iv"] = Hex(iv), ["ct"] = Hex(Sm4.EncryptCbc(sm4Key, iv, message)) });
            hmac.Add(new JsonObject { ["key"] = Hex(sm4Key), ["msg"] = Hex(message) });
            sm3.Add(Hex(message));
            expected.Add((message, sm4Key, message));
        }

        var result = RunOracle(new JsonObject { ["verify"] = verify, ["decrypt"] = decrypt, ["sm4CbcDecrypt"] = sm4, ["hmac"] = hmac, ["sm3"] = sm3 });
        var verified = result.GetProperty("verified").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        Assert.Equal(2 * Cases, verified.Length);
        Assert.All(verified, Assert.True);
        var decrypted = result.GetProperty("decrypted").EnumerateArray().Select(e => e.GetString()).ToArray();
        var sm4Plain = result.GetProperty("sm4").EnumerateArray().Select(e => e.GetString()).ToArray();
        var macs = result.GetProperty("hmac").EnumerateArray().Select(e => e.GetString()).ToArray();
        var digests = result.GetProperty("sm3").EnumerateArray().Select(e => e.GetString()).ToArray();
        for (var i = 0; i < Cases; i++)
        {
            Assert.Equal(Hex(expected[i].Message), decrypted[2 * i]);
            Assert.Equal(Hex(expected[i].Message), decrypted[(2 * i) + 1]);
            Assert.Equal(Hex(expected[i].Message), sm4Plain[i]);
            Assert.Equal(Hex(HmacSm3.HashData(expected[i].Key, expected[i].Message)), macs[i]);
            Assert.Equal(Hex(Sm3.HashData(expected[i].Message)), digests[i]);
        }
    }

    [Fact]
    public void Sm_crypto_rejects_our_signature_on_another_message()
    {
        var key = Sm2PrivateKey.Generate();
        var signature = key.SignData("consent v1"u8);
        var request = new JsonObject
        {
            ["verify"] = new JsonArray(new JsonObject
            {
                ["pub"] = Hex(key.PublicKey.ToUncompressed()), ["msg"] = Hex("consent v2"u8.ToArray()), ["sig"] = Hex(signature.ToDer()), ["der"] = true,
            }),
        };
        Assert.False(RunOracle(request).GetProperty("verified")[0].GetBoolean());
    }

    [Fact]
    public void We_accept_sm_crypto_signatures_ciphertexts_and_sm4()
    {
        var result = RunOracle(new JsonObject { ["generate"] = Cases });
        var count = 0;
        foreach (var g in result.GetProperty("generated").EnumerateArray())
        {
            count++;
            var message = Convert.FromHexString(g.GetProperty("msg").GetString()!);
            var pub = Sm2PublicKey.FromHex(g.GetProperty("pub").GetString()!);
            var key = Sm2PrivateKey.FromHex(g.GetProperty("priv").GetString()!);
            Assert.Equal(pub, key.PublicKey);
            Assert.True(pub.VerifyData(message, Sm2Signature.FromDer(Convert.FromHexString(g.GetProperty("sigDer").GetString()!))));
            Assert.True(pub.VerifyData(message, Sm2Signature.FromRaw(Convert.FromHexString(g.GetProperty("sigRaw").GetString()!))));

            // sm-crypto leaves out C1's leading 04.
            var mode1 = Convert.FromHexString("04" + g.GetProperty("ctMode1").GetString()!);
            var mode0 = Convert.FromHexString("04" + g.GetProperty("ctMode0").GetString()!);
            Assert.Equal(message, key.Decrypt(Sm2Ciphertext.Decode(mode1, Sm2CipherMode.C1C3C2)));
            Assert.Equal(message, key.Decrypt(Sm2Ciphertext.Decode(mode0, Sm2CipherMode.C1C2C3)));

            var sm4Plain = Sm4.DecryptCbc(
                Convert.FromHexString(g.GetProperty("sm4Key").GetString()!),
                Convert.FromHexString(g.GetProperty("sm4Iv").GetString()!),
                Convert.FromHexString(g.GetProperty("sm4Ct").GetString()!));
            Assert.Equal(message, sm4Plain);
        }

        Assert.Equal(Cases, count);
    }

    private static JsonElement RunOracle(JsonObject request)
    {
        var output = Peers.RunScript("scripts/gm/sm-crypto-oracle.js", stdin: request.ToJsonString());
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);
}
