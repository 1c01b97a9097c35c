using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovChain.CreditService.Hosting;

/// <summary>
/// A service node's configuration (what <c>govchain service init</c> writes). Relative paths are resolved against
/// the directory of the config file. Ports may be 0 to let the system choose.
/// </summary>
public sealed record ServiceOptions
{
    [JsonPropertyName("network")]
    public required string NetworkDirectory { get; init; }

    [JsonPropertyName("validator_index")]
    public int ValidatorIndex { get; init; }

    [JsonPropertyName("agency_id")]
    public required string AgencyId { get; init; }

    [JsonPropertyName("agency_key")]
    public required string AgencyKeyFile { get; init; }

    [JsonPropertyName("data")]
    public required string DataDirectory { get; init; }

    /// <summary>Key file of the encrypted subject store (16 random bytes); created in the data directory when absent.</summary>
    [JsonPropertyName("store_key")]
    public string? StoreKeyFile { get; init; }

    [JsonPropertyName("grpc_port")]
    public int GrpcPort { get; init; }

    [JsonPropertyName("rest_port")]
    public int RestPort { get; init; }

    [JsonPropertyName("recorders")]
    public int Recorders { get; init; } = 8;

    /// <summary>Serve Queries/RunPlaintext, the benchmark's baseline that scores in the clear; off unless a bench enables it.</summary>
    [JsonPropertyName("plaintext_baseline")]
    public bool PlaintextBaseline { get; init; }

    [JsonPropertyName("max_body_bytes")]
    public int MaxBodyBytes { get; init; } = Security.BodyLimits.DefaultBytes;

    [JsonPropertyName("max_key_upload_bytes")]
    public int MaxKeyUploadBytes { get; init; } = Security.BodyLimits.KeyUploadBytes;

    [JsonPropertyName("max_clock_skew_seconds")]
    public int MaxClockSkewSeconds { get; init; } = 300;

    /// <summary>The store key file to use: the configured one or <c>store.key</c> in the data directory.</summary>
    [JsonIgnore]
    public string StoreKeyPath => StoreKeyFile ?? Path.Combine(DataDirectory, "store.key");

    public string ToJson() => JsonSerializer.Serialize(this, ServiceOptionsJson.Default.ServiceOptions);

    /// <summary>Reads a config file; throws <see cref="ServiceConfigException"/> with a one-line reason when it is unusable.</summary>
    public static ServiceOptions Load(string path)
    {
        ServiceOptions? options;
        try
        {
            options = JsonSerializer.Deserialize(File.ReadAllText(path), ServiceOptionsJson.Default.ServiceOptions);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ServiceConfigException($"config {path}: {e.Message}");
        }

        if (options is null)
        {
            throw new ServiceConfigException($"config {path} is empty");
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(baseDirectory, p));
        var resolved = options with
        {
            NetworkDirectory = Resolve(options.NetworkDirectory),
            AgencyKeyFile = Resolve(options.AgencyKeyFile),
            DataDirectory = Resolve(options.DataDirectory),
            StoreKeyFile = options.StoreKeyFile is null ? null : Resolve(options.StoreKeyFile),
        };
        resolved.Validate();
        return resolved;
    }

    public void Validate()
    {
        static bool IsPort(int p) => p is >= 0 and <= 65535;
        var problem =
            string.IsNullOrWhiteSpace(AgencyId) ? "agency_id is empty" :
            !IsPort(GrpcPort) || !IsPort(RestPort) ? "ports must lie in 0..65535" :
            GrpcPort != 0 && GrpcPort == RestPort ? "grpc_port and rest_port must differ" :
            ValidatorIndex < 0 ? "validator_index is negative" :
            Recorders is < 1 or > 64 ? "recorders must lie in 1..64" :
            MaxBodyBytes < 1024 || MaxKeyUploadBytes < MaxBodyBytes ? "body limits are too small" :
            MaxClockSkewSeconds is < 1 or > 3600 ? "max_clock_skew_seconds must lie in 1..3600" :
            null;
        if (problem is not null)
        {
            throw new ServiceConfigException("config: " + problem);
        }
    }
}

[JsonSerializable(typeof(ServiceOptions))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class ServiceOptionsJson : JsonSerializerContext;
