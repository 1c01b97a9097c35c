namespace GovChain.TestSupport;

/// <summary>
/// The pinned JavaScript peers in vectors/peers (sm-crypto, snarkjs, circom2, node-seal, ...).
/// They judge compatibility, so tests install them with <c>npm ci</c> on first use.
/// </summary>
public static class Peers
{
    private static readonly object Gate = new();
    private static bool installed;

    public static string NodeModules => Path.Combine(RepoPaths.Peers, "node_modules");

    /// <summary>Runs <c>npm ci</c> once per machine state; a file lock keeps parallel test assemblies from racing.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            var lockPath = Path.Combine(RepoPaths.Peers, ".install.lock");
            using (AcquireFileLock(lockPath))
            {
                var marker = Path.Combine(NodeModules, ".package-lock.json");
                var lockFile = Path.Combine(RepoPaths.Peers, "package-lock.json");
                if (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker) < File.GetLastWriteTimeUtc(lockFile))
                {
                    ProcessRunner.RunChecked("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: RepoPaths.Peers, timeout: TimeSpan.FromMinutes(10));
                }
            }

            installed = true;
        }
    }

    /// <summary>Runs a node script (a path relative to vectors/peers, or absolute) with arguments and optional stdin.</summary>
    public static string RunScript(string script, IEnumerable<string>? args = null, string? stdin = null, TimeSpan? timeout = null)
    {
        EnsureInstalled();
        var path = Path.IsPathRooted(script) ? script : Path.Combine(RepoPaths.Peers, script);
        return ProcessRunner.RunChecked("node", [path, .. args ?? []], stdin, RepoPaths.Peers, timeout);
    }

    /// <summary>Runs inline JavaScript with vectors/peers as the module root.</summary>
    public static string Eval(string javascript, string? stdin = null, TimeSpan? timeout = null)
    {
        EnsureInstalled();
        return ProcessRunner.RunChecked("node", ["-e", javascript], stdin, RepoPaths.Peers, timeout);
    }

    private static FileStream AcquireFileLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
