using System.Collections.Concurrent;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Witness;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The predicate circuits' files (vectors/circuits/&lt;name&gt;/{name.zkey, name.wasm, vk.json}), loaded once per
/// circuit and shared. Proving keys and witness generators are large and slow to load, so they load on first use.
/// </summary>
public sealed class CircuitFiles : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ProvingKey>> provingKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<CircomWitnessCalculator>> witnesses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<string>> verifyingKeys = new(StringComparer.Ordinal);

    /// <param name="directory">The circuits directory; null searches upward from the application for vectors/circuits.</param>
    public CircuitFiles(string? directory = null)
    {
        Directory = directory ?? FindDefault();
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new WalletFormatException($"circuits directory not found: {Directory}");
        }
    }

    public string Directory { get; }

    public ProvingKey ProvingKey(string circuit) =>
        provingKeys.GetOrAdd(circuit, c => new Lazy<ProvingKey>(() => Zkp.Groth16.ProvingKey.FromZkey(Read(c, c + ".zkey")))).Value;

    public CircomWitnessCalculator Witnesses(string circuit) =>
        witnesses.GetOrAdd(circuit, c => new Lazy<CircomWitnessCalculator>(() => CircomWitnessCalculator.FromWasm(Read(c, c + ".wasm")))).Value;

    public string VerifyingKeyJson(string circuit) =>
        verifyingKeys.GetOrAdd(circuit, c => new Lazy<string>(() => System.Text.Encoding.UTF8.GetString(Read(c, "vk.json")))).Value;

    public void Dispose()
    {
        foreach (var lazy in witnesses.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }

        witnesses.Clear();
    }

    private byte[] Read(string circuit, string file)
    {
        var path = Path.Combine(Directory, circuit, file);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new WalletFormatException($"circuit file not found: {path}");
    }

    /// <summary>Above the application first (a build inside the checkout), then above the working directory.</summary>
    private static string FindDefault()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "vectors", "circuits");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new WalletFormatException($"no vectors/circuits directory above {AppContext.BaseDirectory} or the working directory; pass the circuits directory explicitly");
    }
}
