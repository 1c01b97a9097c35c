using System.CommandLine;
using GovChain.Cli.Commands;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.TestSupport;

namespace GovChain.Cli.Tests;

/// <summary>
/// `audit trail` and `audit verify` through the CLI's own parser and runner, in process (the verbs are registered in
/// Program.cs by the lead): exit 0 valid, 1 invalid with a reason on stderr, 2 malformed input.
/// </summary>
public sealed class LedgerVerbTests : IDisposable
{
    private const long T0 = 1_760_000_000;
    private static readonly Lock ConsoleLock = new();

    private readonly TempDirectory dir = new();
    private readonly Sm2PrivateKey[] validators = [.. Enumerable.Range(0, 4).Select(_ => Sm2PrivateKey.Generate())];
    private readonly Sm2PrivateKey agency = Sm2PrivateKey.Generate();
    private readonly Sm2PrivateKey bureau = Sm2PrivateKey.Generate();
    private readonly Sm2PrivateKey subject = Sm2PrivateKey.Generate();
    private readonly AuditTrustAnchor trust;

    public LedgerVerbTests()
    {
        trust = new AuditTrustAnchor("cli-audit-test", new ValidatorSet(validators.Select(k => k.PublicKey.ToUncompressed())));
        File.WriteAllText(dir.File("trust.txt"), trust.Format());
        for (var i = 0; i < validators.Length; i++)
        {
            File.WriteAllText(dir.File($"v{i}.pem"), validators[i].ExportPem());
        }
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_trail_exported_from_a_store_verifies_and_any_altered_byte_does_not()
    {
        BuildLedger(queries: 3);
        var export = Run("audit", "trail", "--data", dir.File("data"), "--trust", dir.File("trust.txt"), "--subject", "citizen-1",
            "--key", dir.File("v0.pem"), "--key", dir.File("v2.pem"), "--key", Convert.ToHexString(validators[3].ExportScalar()), "--out", dir.File("trail.gca"));
        Assert.True(export.ExitCode == 0, export.StdErr);
        Assert.StartsWith("records=5 tree_size=", export.StdOut, StringComparison.Ordinal);
        Assert.Contains(" complete=attested leaves=0..", export.StdOut, StringComparison.Ordinal);

        var ok = Run("audit", "verify", "--in", dir.File("trail.gca"), "--trust", dir.File("trust.txt"));
        Assert.Equal((0, "valid"), (ok.ExitCode, ok.StdOut.Split('\n')[0].Trim()));

        var file = File.ReadAllBytes(dir.File("trail.gca"));
        var random = new Random(17);
        var codes = new HashSet<int>();
        for (var i = 0; i < file.Length; i += 1 + random.Next(6))
        {
            var altered = (byte[])file.Clone();
            altered[i] ^= (byte)random.Next(1, 256);
            File.WriteAllBytes(dir.File("altered.gca"), altered);
            var r = Run("audit", "verify", "--in", dir.File("altered.gca"), "--trust", dir.File("trust.txt"));
            Assert.True(r.ExitCode is 1 or 2, $"byte {i}: exit {r.ExitCode}");
            Assert.True(r.StdErr.Trim().Length > 0, $"byte {i}: no reason given");
            if (r.ExitCode == 1)
            {
                Assert.Equal("invalid", r.StdOut.Trim());
            }

            codes.Add(r.ExitCode);
        }

        Assert.Equal([1, 2], codes.Order());
    }

    [Fact]
    public void A_long_trail_exports_in_pages_and_a_time_interval_selects_whole_blocks()
    {
        BuildLedger(queries: 3);
        string[] trail = ["audit", "trail", "--data", dir.File("data"), "--trust", dir.File("trust.txt"), "--key", dir.File("v0.pem"), "--key", dir.File("v1.pem"), "--key", dir.File("v2.pem")];
        var leaves = new List<long>();
        long from = 0;
        for (var page = 0; ; page++)
        {
            var file = dir.File($"page-{page}.gca");
            var run = Run([.. trail, "--subject", "citizen-1", "--limit", "2", "--from-leaf", $"{from}", "--out", file]);
            Assert.True(run.ExitCode == 0, run.StdErr);
            Assert.Equal(0, Run("audit", "verify", "--in", file, "--trust", dir.File("trust.txt")).ExitCode);
            var bundle = AuditExport.Decode(File.ReadAllBytes(file));
            leaves.AddRange(bundle.Records.Select(r => r.Proof.LeafIndex));
            var next = run.StdOut.Split(' ', StringSplitOptions.TrimEntries).SingleOrDefault(w => w.StartsWith("next_from_leaf=", StringComparison.Ordinal));
            if (next is null)
            {
                Assert.Equal(page == 2 ? 1 : 2, bundle.Records.Length);
                break;
            }

            Assert.Equal(2, bundle.Records.Length);
            from = long.Parse(next["next_from_leaf=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(5, leaves.Count);
        Assert.Equal(leaves.Order(), leaves);

        // Blocks 1 and 2 (times T0+1 and T0+2): two registrations and the consent.
        var interval = TrailQuery.FormatInterval(DateTimeOffset.FromUnixTimeSeconds(T0 + 1), DateTimeOffset.FromUnixTimeSeconds(T0 + 3));
        var byTime = Run([.. trail, "--time", interval, "--out", dir.File("time.gca")]);
        Assert.True(byTime.ExitCode == 0, byTime.StdErr);
        Assert.StartsWith("records=3 ", byTime.StdOut, StringComparison.Ordinal);

        foreach (var bad in new[] { new[] { "--time", "soon" }, ["--time", "2026-01-02T00:00:00Z/2026-01-01T00:00:00Z"], ["--subject", "citizen-1", "--limit", "0"], ["--subject", "citizen-1", "--from-leaf", "-1"] })
        {
            var refused = Run([.. trail, .. bad, "--out", dir.File("bad.gca")]);
            Assert.Equal(2, refused.ExitCode);
            Assert.NotEmpty(refused.StdErr.Trim());
            Assert.False(File.Exists(dir.File("bad.gca")));
        }
    }

    [Fact]
    public void A_consistency_proof_links_a_later_export_to_an_earlier_one()
    {
        BuildLedger(queries: 1);
        string[] keys = ["--key", dir.File("v1.pem"), "--key", dir.File("v2.pem"), "--key", dir.File("v3.pem")];
        Assert.Equal(0, Run(["audit", "trail", "--data", dir.File("data"), "--trust", dir.File("trust.txt"), "--bureau", "bureau-a", .. keys, "--out", dir.File("first.gca")]).ExitCode);
        AppendQueries(2, from: 1);
        var second = Run(["audit", "trail", "--data", dir.File("data"), "--trust", dir.File("trust.txt"), "--consent", "c1", .. keys, "--earlier", dir.File("first.gca"), "--out", dir.File("second.gca")]);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("earlier_tree_size=", second.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, Run("audit", "verify", "--in", dir.File("second.gca"), "--trust", dir.File("trust.txt")).ExitCode);
    }

    [Fact]
    public void Wrong_trust_missing_quorum_and_bad_arguments_are_reported()
    {
        BuildLedger(queries: 1);
        string[] trail = ["audit", "trail", "--data", dir.File("data"), "--trust", dir.File("trust.txt"), "--subject", "citizen-1", "--out", dir.File("t.gca")];
        Assert.Equal(0, Run([.. trail, "--key", dir.File("v0.pem"), "--key", dir.File("v1.pem"), "--key", dir.File("v2.pem")]).ExitCode);

        // Another validator set: the same export is invalid (exit 1), not malformed.
        var other = new AuditTrustAnchor("cli-audit-test", new ValidatorSet(Enumerable.Range(0, 4).Select(_ => Sm2PrivateKey.Generate().PublicKey.ToUncompressed())));
        File.WriteAllText(dir.File("other.txt"), other.Format());
        var wrongTrust = Run("audit", "verify", "--in", dir.File("t.gca"), "--trust", dir.File("other.txt"));
        Assert.Equal((1, "invalid"), (wrongTrust.ExitCode, wrongTrust.StdOut.Trim()));
        Assert.Contains("quorum", wrongTrust.StdErr, StringComparison.Ordinal);

        Assert.Equal(2, Run([.. trail, "--key", dir.File("v0.pem"), "--key", dir.File("v1.pem")]).ExitCode);
        Assert.Equal(2, Run([.. trail, "--key", dir.File("v0.pem"), "--key", dir.File("v0.pem"), "--key", dir.File("v1.pem")]).ExitCode);
        Assert.Equal(2, Run([.. trail, "--key", Convert.ToHexString(agency.ExportScalar()), "--key", dir.File("v0.pem"), "--key", dir.File("v1.pem")]).ExitCode);
        Assert.Equal(2, Run("audit", "trail", "--data", dir.File("data"), "--trust", dir.File("other.txt"), "--subject", "citizen-1",
            "--key", dir.File("v0.pem"), "--out", dir.File("x.gca")).ExitCode);
        Assert.Equal(2, Run("audit", "trail", "--data", dir.File("nowhere"), "--trust", dir.File("trust.txt"), "--subject", "s", "--key", dir.File("v0.pem"), "--out", dir.File("x.gca")).ExitCode);
        Assert.False(Directory.Exists(dir.File("nowhere")));
        Assert.Equal(2, Run("audit", "trail", "--data", dir.File("data"), "--trust", dir.File("trust.txt"), "--subject", "a", "--bureau", "b", "--key", dir.File("v0.pem"), "--out", dir.File("x.gca")).ExitCode);

        // Neither keys nor --certified, both, and --certified where no committed block carries a quorum-signed head.
        Assert.Contains("--certified", Run(trail).StdErr, StringComparison.Ordinal);
        Assert.Equal(2, Run([.. trail, "--certified", "--key", dir.File("v0.pem")]).ExitCode);
        var unsigned = Run([.. trail, "--certified"]);
        Assert.Equal(2, unsigned.ExitCode);
        Assert.Contains("no committed block carries a quorum-signed tree head", unsigned.StdErr, StringComparison.Ordinal);

        File.WriteAllText(dir.File("garbage.gca"), "not an export");
        var garbage = Run("audit", "verify", "--in", dir.File("garbage.gca"), "--trust", dir.File("trust.txt"));
        Assert.Equal(2, garbage.ExitCode);
        Assert.Contains("GCAUDIT1", garbage.StdErr, StringComparison.Ordinal);
        File.WriteAllText(dir.File("bad-trust.txt"), trust.Format().Replace("validator ", "validator  ", StringComparison.Ordinal));
        Assert.Equal(2, Run("audit", "verify", "--in", dir.File("t.gca"), "--trust", dir.File("bad-trust.txt")).ExitCode);
        Assert.Equal(2, Run("audit", "verify", "--in", dir.File("missing.gca"), "--trust", dir.File("trust.txt")).ExitCode);
    }

    [Fact]
    public void Node_init_writes_a_network_whose_files_agree_and_refuses_to_overwrite_it()
    {
        var net = dir.File("net");
        var init = Run("node", "init", "--dir", net, "--validators", "4", "--base-port", "23400", "--chain", "init-test");
        Assert.True(init.ExitCode == 0, init.StdErr);
        var configs = init.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, configs.Length);

        var anchor = AuditTrustAnchor.Parse(File.ReadAllBytes(Path.Combine(net, "trust.txt")));
        using var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(net, "ca.crt.pem")));
        var certificates = new GovChain.Ledger.Hosting.PeerCertificates(authority);
        for (var i = 0; i < 4; i++)
        {
            var config = GovChain.Ledger.Hosting.NodeConfig.Load(configs[i]);
            Assert.Equal((i, $"127.0.0.1:{23400 + i}"), (config.Index, config.Validators[i].Endpoint));
            Assert.Equal(anchor.ChainId, config.Genesis().ChainId);
            var key = Sm2PrivateKey.FromPem(File.ReadAllText(config.Resolve(config.ConsensusKey)));
            Assert.Equal(i, anchor.Validators.IndexOf(key.PublicKey.ToUncompressed()));
            using var tls = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(config.Resolve(config.TlsCertificate)), File.ReadAllText(config.Resolve(config.TlsKey)));
            Assert.Equal(i, certificates.ValidatorIndex(tls));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.Resolve(config.TlsKey)));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.Resolve(config.ConsensusKey)));
            }
        }

        // A certificate from another network's CA names no validator of this one.
        using var foreign = GovChain.Ledger.Hosting.LocalCertificateAuthority.Create("other");
        using var impostor = foreign.Issue("validator-1");
        Assert.Equal(-1, certificates.ValidatorIndex(impostor));

        Assert.Equal(2, Run("node", "init", "--dir", net, "--validators", "4").ExitCode);
        Assert.Equal(2, Run("node", "init", "--dir", dir.File("net2"), "--validators", "0").ExitCode);
        Assert.Equal(2, Run("node", "init", "--dir", dir.File("net3"), "--base-port", "80").ExitCode);
        File.WriteAllText(dir.File("bad.json"), "{\"chain\": \"x\"}");
        Assert.Equal(2, Run("node", "run", "--config", dir.File("bad.json")).ExitCode);
    }

    private static ProcessResult Run(params string[] args)
    {
        lock (ConsoleLock)
        {
            var (stdout, stderr) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var code = CliRunner.Run(new RootCommand { AuditCommand.Create(), NodeCommand.Create() }, args);
                return new ProcessResult(code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }

    private void BuildLedger(int queries)
    {
        var chainId = trust.ChainId;
        using (var ledger = OpenLedger())
        {
            Commit(ledger,
            [
                LedgerTransaction.Sign(chainId, agency, 0, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())).Encode(),
                LedgerTransaction.Sign(chainId, subject, 0, new RegisterParticipant("citizen-1", ParticipantRole.Subject, subject.PublicKey.ToUncompressed())).Encode(),
            ]);
            Commit(ledger, [LedgerTransaction.Sign(chainId, subject, 1, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)).Encode()]);
        }

        AppendQueries(queries, from: 0);
    }

    private void AppendQueries(int count, int from)
    {
        using var ledger = OpenLedger();
        var h = Hash32.Compute("result"u8);
        var txs = Enumerable.Range(from, count)
            .Select(i => LedgerTransaction.Sign(trust.ChainId, agency, (ulong)i + 1, new RecordQuery($"q{i}", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)).Encode())
            .ToArray();
        Commit(ledger, txs);
    }

    private CommittedLedger OpenLedger() =>
        CommittedLedger.Open(dir.File("data"), trust.Genesis, new Sm2SignatureVerifier(), [("agency", agency.PublicKey.ToUncompressed())]);

    private static void Commit(CommittedLedger ledger, byte[][] txs)
    {
        var parent = ledger.Store.ReadBlock(ledger.Height);
        var height = (ulong)ledger.Height + 1;
        var results = ledger.Commit(new Block(0, height, height, T0 + (long)height, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []), [.. txs]));
        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
    }
}
