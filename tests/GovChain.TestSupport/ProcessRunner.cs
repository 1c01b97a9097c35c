using System.Diagnostics;
using System.Text;

namespace GovChain.TestSupport;

public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs an external program (node, openssl, the govchain CLI) with a hard timeout.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string? stdin = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', psi.ArgumentList)} exceeded {limit}");
        }

        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    /// <summary>Runs and demands exit code 0, returning stdout.</summary>
    public static string RunChecked(string fileName, IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var r = Run(fileName, arguments, stdin, workingDirectory, timeout);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited {r.ExitCode}: {r.StdErr}{r.StdOut}");
        }

        return r.StdOut;
    }
}
