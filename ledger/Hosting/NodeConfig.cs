using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Storage;

namespace GovChain.Ledger.Hosting;

/// <summary>One validator in a node's config: its SM2 consensus key and where it listens.</summary>
public sealed record ValidatorEntry(string PublicKey, string Endpoint);

/// <summary>A genesis agency: may register participants from block 1.</summary>
public sealed record AgencyEntry(string Id, string PublicKey);

/// <summary>
/// A validator's config file (JSON, written by <c>govchain node init</c>). Paths are relative to the file's directory.
/// Endpoints are <c>127.0.0.1:port</c>: this build listens and connects on loopback only.
/// </summary>
public sealed record NodeConfig(
    string Chain,
    int Index,
    string Data,
    string ConsensusKey,
    string TlsCertificate,
    string TlsKey,
    string Authority,
    IReadOnlyList<ValidatorEntry> Validators,
    IReadOnlyList<AgencyEntry> Agencies)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Memory for the newest records and the Merkle log's chunks (optional in the file; defaults otherwise).</summary>
    public LedgerMemory Memory { get; init; } = LedgerMemory.Default;

    /// <summary>Directory the relative paths are resolved against (not serialised).</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = ".";

    public GenesisConfig Genesis() => new(Chain, new ValidatorSet(Validators.Select(v => Convert.FromHexString(v.PublicKey))));

    public IPEndPoint Endpoint(int index) => ParseEndpoint(Validators[index].Endpoint);

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static NodeConfig Load(string file)
    {
        NodeConfig config;
        try
        {
            config = JsonSerializer.Deserialize<NodeConfig>(File.ReadAllText(file), Json) ?? throw new LedgerFormatException("empty node config");
        }
        catch (JsonException ex)
        {
            throw new LedgerFormatException($"node config {file}: {ex.Message}", ex);
        }

        config = config with { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "." };
        config.Validate();
        return config;
    }

    private void Validate()
    {
        if (Validators.Count is < 1 or > ValidatorSet.MaxValidators || Index < 0 || Index >= Validators.Count)
        {
            throw new LedgerFormatException($"node config: index {Index} is not one of {Validators.Count} validators");
        }

        Memory.Validate();

        try
        {
            _ = Genesis();
            foreach (var v in Validators)
            {
                _ = ParseEndpoint(v.Endpoint);
            }

            foreach (var a in Agencies)
            {
                _ = Convert.FromHexString(a.PublicKey);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new LedgerFormatException("node config: " + ex.Message, ex);
        }
    }

    private static IPEndPoint ParseEndpoint(string endpoint)
    {
        if (!IPEndPoint.TryParse(endpoint, out var parsed) || !IPAddress.IsLoopback(parsed.Address) || parsed.Port == 0)
        {
            throw new LedgerFormatException($"endpoint '{endpoint}' is not a loopback address with a port");
        }

        return parsed;
    }
}
