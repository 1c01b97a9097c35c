using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GovChain.Bench;

/// <summary>
/// Runs vectors/peers/scripts/he/seal-bench.js (node-seal, SEAL 4.1 in WebAssembly) and reads its milliseconds per
/// operation. The checkout is found from the current directory first, then from the executable's folder.
/// </summary>
public static class SealBench
{
    private const string Script = "scripts/he/seal-bench.js";

    /// <summary>Milliseconds per operation, keyed by the names seal-bench.js prints.</summary>
    public static IReadOnlyDictionary<string, double> Run(int n, int iterations)
    {
        var peers = Path.Combine(FindRepoRoot(), "vectors", "peers");
        if (!Directory.Exists(Path.Combine(peers, "node_modules")))
        {
            Exec("npm", ["ci", "--no-audit", "--no-fund"], peers, TimeSpan.FromMinutes(10));
        }

        var output = Exec(
            "node",
            [Path.Combine(peers, Script), n.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture)],
            peers,
            TimeSpan.FromMinutes(10));
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    public static bool NodeAvailable()
    {
        try
        {
            Exec("node", ["--version"], Environment.CurrentDirectory, TimeSpan.FromSeconds(30));
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The folder holding GovChain.sln above the current directory or, failing that, above the executable.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GovChain.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"GovChain.sln not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; run from the checkout");
    }

    private static string Exec(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {timeout}");
        }

        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
