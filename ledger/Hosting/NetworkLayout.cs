using GovChain.Crypto;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Creates a local network's files (what <c>govchain node init</c> writes):
/// <c>ca.crt.pem</c>, <c>ca.key.pem</c>, <c>client.crt.pem</c>, <c>client.key.pem</c>, <c>trust.txt</c> (docs/audit.md), and per
/// validator <c>validator-i/</c> with <c>node.json</c>, <c>consensus.key.pem</c> (SM2), <c>agency.key.pem</c> (SM2, the genesis
/// agency <c>agency-i</c> this validator's operator signs transactions with), <c>tls.crt.pem</c>, <c>tls.key.pem</c>.
/// Private keys are written with mode 0600.
/// </summary>
public static class NetworkLayout
{
    public const string ConfigFile = "node.json";

    public static string ValidatorDirectory(string root, int index) => Path.Combine(root, $"validator-{index}");

    public static string ConfigPath(string root, int index) => Path.Combine(ValidatorDirectory(root, index), ConfigFile);

    /// <summary>Writes a fresh network of <paramref name="validators"/> nodes on 127.0.0.1 ports basePort.. and returns the config paths.</summary>
    public static IReadOnlyList<string> Create(string root, int validators, int basePort, string chain)
    {
        if (validators is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(validators), validators, "1..64 validators");
        }

        if (basePort is < 1024 || basePort + validators > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(basePort), basePort, "ports must lie in 1024..65535");
        }

        Directory.CreateDirectory(root);
        if (File.Exists(Path.Combine(root, "ca.crt.pem")))
        {
            throw new IOException($"{root} already holds a network; choose an empty directory");
        }

        var consensusKeys = Enumerable.Range(0, validators).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        var agencyKeys = Enumerable.Range(0, validators).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        var validatorEntries = consensusKeys
            .Select((k, i) => new ValidatorEntry(Convert.ToHexStringLower(k.PublicKey.ToUncompressed()), $"127.0.0.1:{basePort + i}"))
            .ToArray();
        var agencies = agencyKeys.Select((k, i) => new AgencyEntry($"agency-{i}", Convert.ToHexStringLower(k.PublicKey.ToUncompressed()))).ToArray();

        using var ca = LocalCertificateAuthority.Create($"GovChain {chain} CA");
        var (caCert, caKey) = LocalCertificateAuthority.ExportPem(ca.Certificate);
        Write(Path.Combine(root, "ca.crt.pem"), caCert);
        Write(Path.Combine(root, "ca.key.pem"), caKey, secret: true);
        using (var client = ca.Issue("client"))
        {
            var (cert, key) = LocalCertificateAuthority.ExportPem(client);
            Write(Path.Combine(root, "client.crt.pem"), cert);
            Write(Path.Combine(root, "client.key.pem"), key, secret: true);
        }

        var trust = new AuditTrustAnchor(chain, new ValidatorSet(consensusKeys.Select(k => k.PublicKey.ToUncompressed())));
        Write(Path.Combine(root, "trust.txt"), trust.Format());

        var configs = new List<string>();
        for (var i = 0; i < validators; i++)
        {
            var dir = ValidatorDirectory(root, i);
            Directory.CreateDirectory(dir);
            Write(Path.Combine(dir, "consensus.key.pem"), consensusKeys[i].ExportPem(), secret: true);
            Write(Path.Combine(dir, "agency.key.pem"), agencyKeys[i].ExportPem(), secret: true);
            using (var tls = ca.Issue(PeerCertificates.ValidatorPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                var (cert, key) = LocalCertificateAuthority.ExportPem(tls);
                Write(Path.Combine(dir, "tls.crt.pem"), cert);
                Write(Path.Combine(dir, "tls.key.pem"), key, secret: true);
            }

            var config = new NodeConfig(chain, i, "data", "consensus.key.pem", "tls.crt.pem", "tls.key.pem", "../ca.crt.pem", validatorEntries, agencies);
            var path = Path.Combine(dir, ConfigFile);
            Write(path, config.ToJson());
            configs.Add(path);
        }

        return configs;
    }

    private static void Write(string path, string text, bool secret = false)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
