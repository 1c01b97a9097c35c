using System.Diagnostics;
using System.Globalization;

namespace GovChain.Bench;

/// <summary>Runs the system's <c>openssl speed</c> and parses its machine-readable (-mr) output.</summary>
public static class OpenSslSpeed
{
    /// <summary>SM2 (sign/s, verify/s).</summary>
    public static (double Sign, double Verify) Sm2(int seconds)
    {
        var output = Run($"speed -mr -seconds {seconds} sm2");
        // -mr prints "+F7:<index>:<bits>:CurveSM2:<sign/s>:<verify/s>" for SM2 in OpenSSL 3.0.
        foreach (var line in output.Split('\n'))
        {
            var parts = line.Trim().Split(':');
            if (parts.Length >= 6 && parts[0].StartsWith("+F", StringComparison.Ordinal) && parts[3] == "CurveSM2")
            {
                return (double.Parse(parts[4], CultureInfo.InvariantCulture), double.Parse(parts[5], CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException("could not parse `openssl speed sm2` output: " + output);
    }

    /// <summary>Bytes per second of an EVP cipher or digest on <paramref name="blockBytes"/>-byte buffers.</summary>
    public static double Evp(string algorithm, int blockBytes, int seconds)
    {
        var output = Run($"speed -mr -seconds {seconds} -bytes {blockBytes} -evp {algorithm}");
        foreach (var line in output.Split('\n'))
        {
            var parts = line.Trim().Split(':');
            if (parts.Length >= 4 && parts[0] == "+F")
            {
                return double.Parse(parts[3], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"could not parse `openssl speed -evp {algorithm}` output: " + output);
    }

    public static bool Available()
    {
        try
        {
            Run("version");
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Run(string arguments)
    {
        var psi = new ProcessStartInfo("openssl", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start openssl");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {arguments} exited {p.ExitCode}: {stderr.Result}");
        }

        return stdout.Result + stderr.Result;
    }
}
