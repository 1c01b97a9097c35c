using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.TestSupport;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace GovChain.Crypto.Tests;

/// <summary>PBKDF2-HMAC-SM3 against node's OpenSSL, HMAC-SM3 against BouncyCastle, and the password-sealed keystore box.</summary>
public sealed class KeystoreTests
{
    [Fact]
    public void Pbkdf2_sm3_agrees_with_node_openssl()
    {
        var random = new Random(8018);
        var cases = new List<(byte[] Password, byte[] Salt, int Iterations, int Length)>();
        for (var i = 0; i < 40; i++)
        {
            cases.Add((Bytes(random, random.Next(0, 100)), Bytes(random, random.Next(0, 40)), random.Next(1, 3000), random.Next(1, 100)));
        }

        var request = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["password"] = Convert.ToHexStringLower(c.Password),
            ["salt"] = Convert.ToHexStringLower(c.Salt),
            ["iterations"] = c.Iterations,
            ["length"] = c.Length,
        }).ToArray());
        var expected = JsonDocument.Parse(Peers.RunScript("scripts/gm/pbkdf2-sm3.js", stdin: request.ToJsonString())).RootElement;
        for (var i = 0; i < cases.Count; i++)
        {
            var (password, salt, iterations, length) = cases[i];
            Assert.Equal(expected[i].GetString(), Convert.ToHexStringLower(Pbkdf2Sm3.DeriveKey(password, salt, iterations, length)));
        }
    }

    [Fact]
    public void Hmac_sm3_agrees_with_bouncycastle() => DifferentialCases.Run(DifferentialCases.Default, random =>
    {
        var key = Bytes(random, random.Next(0, 150));
        var data = Bytes(random, random.Next(0, 300));
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data, 0, data.Length);
        var expected = new byte[32];
        mac.DoFinal(expected, 0);
        Assert.Equal(expected, HmacSm3.HashData(key, data));
    });

    [Fact]
    public void Sealed_box_round_trips_and_refuses_a_wrong_password()
    {
        var secret = "-----BEGIN PRIVATE KEY----- citizen key -----END PRIVATE KEY-----"u8.ToArray();
        var box = PasswordSealedBox.Seal("correct horse"u8, secret, iterations: 1000);
        Assert.Equal(secret, PasswordSealedBox.Open("correct horse"u8, box));
        Assert.Throws<CryptoAuthenticationException>(() => PasswordSealedBox.Open("correct hors"u8, box));
        Assert.NotEqual(box, PasswordSealedBox.Seal("correct horse"u8, secret, iterations: 1000));
    }

    [Fact]
    public void Every_altered_byte_of_a_sealed_box_is_detected()
    {
        var box = PasswordSealedBox.Seal("pw"u8, "secret"u8, iterations: 10);
        for (var i = 0; i < box.Length; i++)
        {
            var altered = (byte[])box.Clone();
            altered[i] ^= 0x01;
            Assert.ThrowsAny<CryptoInputException>(() => PasswordSealedBox.Open("pw"u8, altered));
        }

        Assert.ThrowsAny<CryptoInputException>(() => PasswordSealedBox.Open("pw"u8, box[..20]));
        Assert.Throws<CryptoInputException>(() => PasswordSealedBox.Seal(default, "x"u8));
    }

    private static byte[] Bytes(Random random, int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }
}
