using System.ComponentModel;
using System.Diagnostics;

namespace GovChain.Bench;

/// <summary>
/// The GovChain checkout the benchmarks and the demo read from (circuits, peers), found from the current directory
/// first and then from the executable's folder, and the pinned JavaScript peers run under node.
/// </summary>
public static class Checkout
{
    public static string Root => FindRoot();

    public static string Peers => Path.Combine(Root, "vectors", "peers");

    public static string Circuits => Path.Combine(Root, "vectors", "circuits");

    public static string FindRoot()
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

    public static bool NodeAvailable()
    {
        try
        {
            Exec("node", ["--version"], null, Environment.CurrentDirectory, TimeSpan.FromSeconds(30));
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs a script under vectors/peers with node (installing the peers with `npm ci` first if needed).</summary>
    public static string RunPeerScript(string script, IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null)
    {
        var peers = Peers;
        if (!Directory.Exists(Path.Combine(peers, "node_modules")))
        {
            Exec("npm", ["ci", "--no-audit", "--no-fund"], null, peers, TimeSpan.FromMinutes(10));
        }

        return Exec("node", [Path.Combine(peers, script), .. arguments], stdin, peers, timeout ?? TimeSpan.FromMinutes(10));
    }

    private static string Exec(string program, IEnumerable<string> arguments, string? stdin, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
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
        p.StandardInput.Write(stdin ?? string.Empty);
        p.StandardInput.Close();
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
