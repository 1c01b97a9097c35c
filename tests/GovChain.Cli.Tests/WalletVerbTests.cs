using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Signing;
using GovChain.TestSupport;
using GovChain.Wallet.Documents;

namespace GovChain.Cli.Tests;

/// <summary>`govchain wallet …` as a process: the documents it writes are judged by the library, the ledger contract and snarkjs.</summary>
public sealed class WalletVerbTests : IDisposable
{
    private static readonly Sm2PrivateKey Issuer = Sm2PrivateKey.Generate();
    private static readonly string ChainHex = Hash32.Compute("wallet-cli-chain"u8).ToString();

    private readonly TempDirectory dir = new();
    private readonly string wallet;
    private readonly string passwordFile;
    private readonly Sm2PublicKey publicKey;

    public WalletVerbTests()
    {
        wallet = dir.File("wallet");
        passwordFile = dir.File("password.txt");
        File.WriteAllText(passwordFile, "s3cret pass\n");
        var init = Govchain.Run("wallet", "init", "--dir", wallet, "--id", "citizen-1", "--password-file", passwordFile, "--iterations", "1000");
        Assert.Equal(0, init.ExitCode);
        publicKey = Sm2PublicKey.FromHex(init.StdOut.Trim());
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Credentials_import_prove_and_verify()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var profile = Credential.Issue(Issuer, "agency-tax", "cred-1", CredentialSchema.CreditProfile, "citizen-1", [700, 90, 8, 2], now);
        File.WriteAllText(dir.File("cred.json"), profile.ToJson());
        Assert.Equal(0, Wallet("credential", "import", "--dir", wallet, "--in", dir.File("cred.json"), "--password-file", passwordFile).ExitCode);

        // A sealed credential (as the credit service hands it out) needs the wallet's key.
        var age = Credential.Issue(Issuer, "agency-ps", "cred-2", CredentialSchema.TaxArrears, "citizen-1", [0], now);
        File.WriteAllText(dir.File("sealed.hex"), Hex.Encode(SealedCredential.Seal(age, publicKey)));
        Assert.Equal(0, Wallet("credential", "import", "--dir", wallet, "--in", dir.File("sealed.hex"), "--password-file", passwordFile).ExitCode);
        var list = Wallet("credential", "list", "--dir", wallet);
        Assert.Equal(["cred-1\tcredit-profile", "cred-2\ttax-arrears"], list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var full = Wallet("credential", "list", "--dir", wallet, "--password-file", passwordFile);
        Assert.Equal($"cred-1\tcredit-profile\tagency-tax\t{now}", full.StdOut.Split('\n')[0]);

        var proofFile = dir.File("proof.json");
        Assert.Equal(0, Wallet("prove", "--dir", wallet, "--credential", "cred-1", "--predicate", "score-at-least", "--param", "threshold=650", "--out", proofFile,
            "--password-file", passwordFile).ExitCode);
        Assert.Equal((0, "valid"), Verdict(Wallet("verify-proof", "--in", proofFile)));

        var proof = JsonNode.Parse(File.ReadAllText(proofFile))!;
        var checks = new JsonArray(new JsonObject
        {
            ["vk"] = RepoPaths.Under("vectors", "circuits", "score_at_least", "vk.json"),
            ["proof"] = proof["proof"]!.DeepClone(),
            ["publicSignals"] = proof["public"]!.DeepClone(),
        });
        Assert.True(JsonNode.Parse(Peers.RunScript("scripts/zk/verify.js", stdin: checks.ToJsonString()))!.AsArray()[0]!.GetValue<bool>());

        proof["parameters"]!["threshold"] = 600;
        File.WriteAllText(dir.File("claimed.json"), proof.ToJsonString());
        Assert.Equal((1, "invalid"), Verdict(Wallet("verify-proof", "--in", dir.File("claimed.json"))));
        File.WriteAllText(dir.File("cut.json"), File.ReadAllText(proofFile)[..200]);
        Assert.Equal(2, Wallet("verify-proof", "--in", dir.File("cut.json")).ExitCode);

        var refused = Wallet("prove", "--dir", wallet, "--credential", "cred-1", "--predicate", "score-at-least", "--param", "threshold=701", "--out", dir.File("no.json"),
            "--password-file", passwordFile);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("below the threshold", refused.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("no.json")));
    }

    [Fact]
    public void Consent_transactions_are_accepted_by_the_ledger_contract()
    {
        var agency = Sm2PrivateKey.Generate();
        var chainId = new Hash32(Convert.FromHexString(ChainHex));
        var machine = new AuditStateMachine(chainId, new Sm2SignatureVerifier(), [("agency-0", agency.PublicKey.ToUncompressed())]);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.True(machine.Apply(LedgerTransaction.Sign(chainId, agency, 0,
            new RegisterParticipant("bureau-1", ParticipantRole.Bureau, Sm2PrivateKey.Generate().PublicKey.ToUncompressed())).Encode(), now).Accepted);

        Assert.Equal(0, Wallet("register", "--dir", wallet, "--chain-id", ChainHex, "--out", dir.File("reg.bin"), "--password-file", passwordFile).ExitCode);
        Assert.Equal(0, Wallet("consent", "grant", "--dir", wallet, "--chain-id", ChainHex, "--nonce", "1", "--consent", "c-1", "--bureau", "bureau-1",
            "--purpose", "loan", "--categories", "tax,income", "--classification", "important", "--days", "30", "--out", dir.File("grant.bin"), "--password-file", passwordFile).ExitCode);
        Assert.Equal(0, Wallet("consent", "revoke", "--dir", wallet, "--chain-id", ChainHex, "--nonce", "2", "--consent", "c-1", "--out", dir.File("revoke.bin"), "--password-file", passwordFile).ExitCode);
        foreach (var file in new[] { "reg.bin", "grant.bin", "revoke.bin" })
        {
            var result = machine.Apply(File.ReadAllBytes(dir.File(file)), now + 1);
            Assert.True(result.Accepted, file + ": " + result.Reason);
        }

        Assert.Equal(["income", "tax"], machine.State.Consent("c-1")!.Categories);
        Assert.NotNull(machine.State.Consent("c-1")!.RevokedAt);
        Assert.Contains("c-1 revoked", Wallet("show", "--dir", wallet, "--password-file", passwordFile).StdOut, StringComparison.Ordinal);
        var locked = Wallet("show", "--dir", wallet);
        Assert.Equal(0, locked.ExitCode);
        Assert.DoesNotContain("c-1", locked.StdOut, StringComparison.Ordinal);
        Assert.True(File.ReadAllBytes(Path.Combine(wallet, "consents.sealed")).AsSpan().IndexOf("bureau-1"u8) < 0);

        var tooLong = Wallet("consent", "grant", "--dir", wallet, "--chain-id", ChainHex, "--nonce", "3", "--consent", "c-2", "--bureau", "bureau-1",
            "--purpose", "loan", "--categories", "tax", "--classification", "important", "--days", "91", "--out", dir.File("long.bin"), "--password-file", passwordFile);
        Assert.Equal(2, tooLong.ExitCode);
        File.WriteAllText(dir.File("wrong.txt"), "nope");
        Assert.Equal(2, Wallet("register", "--dir", wallet, "--chain-id", ChainHex, "--out", dir.File("x.bin"), "--password-file", dir.File("wrong.txt")).ExitCode);
        Assert.Equal(2, Wallet("register", "--dir", wallet, "--chain-id", "abcd", "--out", dir.File("x.bin"), "--password-file", passwordFile).ExitCode);
    }

    [Fact]
    public void Licences_import_open_present_and_verify()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var document = new LicenceDocument("lic-1", "business-licence", "91350100M000100Y43", "示例公司", "citizen-1", "agency-market",
            new Dictionary<string, string> { ["scope"] = "retail" }, now - 60, now + 86_400);
        var (envelope, blob) = LicenceIssuer.Issue(Issuer, "agency-market", "citizen-1", publicKey, document, now);
        File.WriteAllText(dir.File("env.json"), envelope.ToJson());
        File.WriteAllBytes(dir.File("lic.blob"), blob);
        Assert.Equal(0, Wallet("licence", "import", "--dir", wallet, "--envelope", dir.File("env.json"), "--blob", dir.File("lic.blob")).ExitCode);

        var opened = Wallet("licence", "open", "--dir", wallet, "--id", "lic-1", "--password-file", passwordFile);
        Assert.Equal(document.CanonicalBytes(), LicenceDocument.FromJson(opened.StdOut).CanonicalBytes());

        var present = Wallet("licence", "present", "--dir", wallet, "--id", "lic-1", "--audience", "bank-1", "--qr", dir.File("qr.png"), "--password-file", passwordFile);
        Assert.Equal(0, present.ExitCode);
        var token = present.StdOut.Split('\n')[0].Trim();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(dir.File("qr.png"))[..4]);
        Assert.True(LicenceDisclosure.FromToken(token).Verify(now + 10, "bank-1").Valid);

        Assert.Equal((0, "valid"), Verdict(Wallet("licence", "verify", "--token", token, "--audience", "bank-1")));
        var wrong = Wallet("licence", "verify", "--token", token, "--audience", "bank-2");
        Assert.Equal((1, "invalid"), Verdict(wrong));
        Assert.Contains("addressed to bank-1", wrong.StdErr, StringComparison.Ordinal);
        Assert.Equal((1, "invalid"), Verdict(Wallet("licence", "verify", "--token", token, "--audience", "bank-1", "--at", (now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(2, Wallet("licence", "verify", "--token", token[..(token.Length / 2)], "--audience", "bank-1").ExitCode);

        File.WriteAllBytes(dir.File("bad.blob"), [.. blob[..^1], (byte)(blob[^1] ^ 1)]);
        Assert.Equal(2, Wallet("licence", "import", "--dir", wallet, "--envelope", dir.File("env.json"), "--blob", dir.File("bad.blob")).ExitCode);
    }

    [Fact]
    public void Credentials_are_encrypted_at_rest_and_need_the_password()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var birth = Credential.Issue(Issuer, "agency-ps", "cred-b", CredentialSchema.BirthDate, "citizen-1", [19_850_317], now);
        var overdue = Credential.Issue(Issuer, "agency-bank", "cred-o", CredentialSchema.OverdueAmount, "citizen-1", [987_654_321], now);
        File.WriteAllText(dir.File("birth.json"), birth.ToJson());
        File.WriteAllText(dir.File("overdue.json"), overdue.ToJson());
        File.WriteAllText(dir.File("wrong.txt"), "not the password");

        var noPassword = Wallet("credential", "import", "--dir", wallet, "--in", dir.File("birth.json"));
        Assert.Equal(2, noPassword.ExitCode);
        Assert.Contains("--password-file or GOVCHAIN_WALLET_PASSWORD", noPassword.StdErr, StringComparison.Ordinal);
        var wrong = Wallet("credential", "import", "--dir", wallet, "--in", dir.File("birth.json"), "--password-file", dir.File("wrong.txt"));
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("wrong password", wrong.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(wallet, "credentials")) && Directory.EnumerateFileSystemEntries(Path.Combine(wallet, "credentials")).Any());

        var env = new Dictionary<string, string> { ["GOVCHAIN_WALLET_PASSWORD"] = "s3cret pass" };
        var viaEnvironment = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "govchain.dll"), "wallet", "credential", "import", "--dir", wallet,
            "--in", dir.File("birth.json")], timeout: TimeSpan.FromMinutes(2), environment: env);
        Assert.Equal(0, viaEnvironment.ExitCode);
        Assert.Equal(0, Wallet("credential", "import", "--dir", wallet, "--in", dir.File("overdue.json"), "--password-file", passwordFile).ExitCode);
        var files = Directory.GetFiles(Path.Combine(wallet, "credentials")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["cred-b.sealed", "cred-o.sealed"], files.Select(Path.GetFileName));
        foreach (var (file, secrets) in files.Zip(new[] { new[] { "19850317", birth.Salt }, ["987654321", overdue.Salt] }))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.All(secrets, secret => Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)) < 0, secret));
        }

        var proveArgs = new[] { "prove", "--dir", wallet, "--credential", "cred-o", "--predicate", "value-at-most", "--param", "maximum=1000000000", "--out", dir.File("p.json") };
        var badProve = Wallet([.. proveArgs, "--password-file", dir.File("wrong.txt")]);
        Assert.Equal(2, badProve.ExitCode);
        Assert.Contains("wrong password", badProve.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, Wallet("credential", "list", "--dir", wallet, "--password-file", dir.File("wrong.txt")).ExitCode);
        Assert.False(File.Exists(dir.File("p.json")));

        // Swapping the two sealed files is refused, with and without the password, and nothing is proved.
        var (b, o) = (File.ReadAllBytes(files[0]), File.ReadAllBytes(files[1]));
        File.WriteAllBytes(files[0], o);
        File.WriteAllBytes(files[1], b);
        var swapped = Wallet([.. proveArgs, "--password-file", passwordFile]);
        Assert.Equal(2, swapped.ExitCode);
        Assert.Contains("credential cred-o", swapped.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, Wallet("credential", "list", "--dir", wallet).ExitCode);
        Assert.False(File.Exists(dir.File("p.json")));

        File.WriteAllBytes(files[0], b);
        File.WriteAllBytes(files[1], [.. o[..^1], (byte)(o[^1] ^ 1)]);
        var flipped = Wallet([.. proveArgs, "--password-file", passwordFile]);
        Assert.Equal(2, flipped.ExitCode);
        Assert.Contains("fails authentication", flipped.StdErr, StringComparison.Ordinal);

        File.WriteAllBytes(files[1], o);
        Assert.Equal(0, Wallet([.. proveArgs, "--password-file", passwordFile]).ExitCode);
        Assert.Equal((0, "valid"), Verdict(Wallet("verify-proof", "--in", dir.File("p.json"))));
    }

    private static ProcessResult Wallet(params string[] args) => Govchain.Run(["wallet", .. args]);

    private static (int, string) Verdict(ProcessResult result) => (result.ExitCode, result.StdOut.Trim());
}
