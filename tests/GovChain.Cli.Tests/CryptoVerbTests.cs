using GovChain.TestSupport;

namespace GovChain.Cli.Tests;

/// <summary>The sm3, sm2 and sm4 verbs and their exit codes (ARCHITECTURE §4): 0 valid, 1 invalid, 2 bad input.</summary>
public sealed class CryptoVerbTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Sm3_prints_the_standard_digest()
    {
        File.WriteAllText(dir.File("abc"), "abc");
        var r = Govchain.Run("sm3", dir.File("abc"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", r.StdOut.Trim());
    }

    [Fact]
    public void Keygen_sign_verify_encrypt_decrypt_and_openssl_agrees()
    {
        var key = dir.File("key.pem");
        var pub = dir.File("pub.pem");
        Assert.Equal(0, Govchain.Run("sm2", "keygen", "--out", key, "--pub", pub).ExitCode);
        File.WriteAllText(dir.File("msg"), "consent: subject 110101199003077777 grants bureau 7 tax data");

        foreach (var format in new[] { "der", "raw" })
        {
            var sign = Govchain.Run("sm2", "sign", "--key", key, "--id", "alice", "--in", dir.File("msg"), "--format", format);
            Assert.Equal(0, sign.ExitCode);
            var sig = sign.StdOut.Trim();
            var ok = Govchain.Run("sm2", "verify", "--pub", pub, "--id", "alice", "--in", dir.File("msg"), "--sig", sig.ToUpperInvariant(), "--format", format);
            Assert.Equal((0, "valid"), (ok.ExitCode, ok.StdOut.Trim()));
            var wrongId = Govchain.Run("sm2", "verify", "--pub", pub, "--id", "bob", "--in", dir.File("msg"), "--sig", sig, "--format", format);
            Assert.Equal((1, "invalid"), (wrongId.ExitCode, wrongId.StdOut.Trim()));
            if (format == "der")
            {
                File.WriteAllBytes(dir.File("sig"), Convert.FromHexString(sig));
                var openssl = ProcessRunner.Run("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:alice", "-in", dir.File("msg"), "-sigfile", dir.File("sig")]);
                Assert.True(openssl.ExitCode == 0, openssl.StdErr);
            }
        }

        foreach (var mode in new[] { "c1c3c2", "c1c2c3", "asn1" })
        {
            var enc = Govchain.Run("sm2", "encrypt", "--pub", pub, "--in", dir.File("msg"), "--mode", mode);
            Assert.Equal(0, enc.ExitCode);
            File.WriteAllText(dir.File("ct.hex"), enc.StdOut);
            var dec = Govchain.Run("sm2", "decrypt", "--key", key, "--in", dir.File("ct.hex"), "--mode", mode, "--out", dir.File("back"));
            Assert.Equal(0, dec.ExitCode);
            Assert.Equal(File.ReadAllBytes(dir.File("msg")), File.ReadAllBytes(dir.File("back")));
        }
    }

    [Fact]
    public void Hex_keys_are_accepted_in_place_of_pem()
    {
        const string priv = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";
        const string pub = "0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
        File.WriteAllText(dir.File("msg"), "message digest");
        var sig = Govchain.Run("sm2", "sign", "--key", priv, "--in", dir.File("msg"), "--format", "raw").StdOut.Trim();
        Assert.Equal(0, Govchain.Run("sm2", "verify", "--pub", pub, "--in", dir.File("msg"), "--sig", sig, "--format", "raw").ExitCode);
        // The GB/T 32918.5 Annex A signature verifies under the default ID.
        const string annex = "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";
        Assert.Equal(0, Govchain.Run("sm2", "verify", "--pub", pub, "--in", dir.File("msg"), "--sig", annex, "--format", "raw").ExitCode);
    }

    [Fact]
    public void Sm4_every_mode_round_trips_and_gcm_rejects_a_tampered_file()
    {
        File.WriteAllBytes(dir.File("plain"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(1000));
        const string key = "0123456789abcdeffedcba9876543210";
        foreach (var (mode, iv) in new[] { ("ecb", (string?)null), ("cbc", "000102030405060708090a0b0c0d0e0f"), ("ctr", "000102030405060708090a0b0c0d0e0f"), ("gcm", "00001234567800000000abcd") })
        {
            string[] ivArgs = iv is null ? [] : ["--iv", iv];
            Assert.Equal(0, Govchain.Run(["sm4", "encrypt", "--key", key, .. ivArgs, "--mode", mode, "--in", dir.File("plain"), "--out", dir.File("ct")]).ExitCode);
            Assert.Equal(0, Govchain.Run(["sm4", "decrypt", "--key", key, .. ivArgs, "--mode", mode, "--in", dir.File("ct"), "--out", dir.File("back")]).ExitCode);
            Assert.Equal(File.ReadAllBytes(dir.File("plain")), File.ReadAllBytes(dir.File("back")));
        }

        var ct = File.ReadAllBytes(dir.File("ct"));
        ct[^1] ^= 1;
        File.WriteAllBytes(dir.File("ct"), ct);
        File.Delete(dir.File("back"));
        var r = Govchain.Run("sm4", "decrypt", "--key", key, "--iv", "00001234567800000000abcd", "--mode", "gcm", "--in", dir.File("ct"), "--out", dir.File("back"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("tag mismatch", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("back")), "no partial output after a failed tag check");
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["sm3", "/nonexistent/file"], "file not found" },
        { ["sm2", "verify", "--pub", "04zz", "--in", "/etc/hostname", "--sig", "00"], "not valid hex" },
        { ["sm2", "verify", "--pub", "04" + new string('1', 128), "--in", "/etc/hostname", "--sig", "00"], "not a point on sm2p256v1" },
        { ["sm2", "sign", "--key", "00", "--in", "/etc/hostname"], "32-byte scalar" },
        { ["sm2", "sign", "--key", "/nope/key.pem", "--in", "/etc/hostname"], "not found" },
        { ["sm2", "encrypt", "--pub", "04", "--in", "/etc/hostname", "--mode", "c9"], "c9" },
        { ["sm4", "encrypt", "--key", "00", "--mode", "ecb", "--in", "/etc/hostname", "--out", "/tmp/x"], "16 bytes" },
        { ["sm4", "encrypt", "--key", "0123456789abcdeffedcba9876543210", "--mode", "cbc", "--in", "/etc/hostname", "--out", "/tmp/x"], "needs --iv" },
        { ["sm2", "frobnicate"], "frobnicate" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_a_one_line_reason(string[] args, string reason)
    {
        var r = Govchain.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(reason, r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_ciphertext_exits_2()
    {
        File.WriteAllText(dir.File("ct.hex"), "04" + new string('a', 100));
        var r = Govchain.Run("sm2", "decrypt", "--key", "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8", "--in", dir.File("ct.hex"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("truncated", r.StdErr, StringComparison.Ordinal);
    }
}
