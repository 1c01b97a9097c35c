using System.Text;

namespace GovChain.CreditService.Ledger;

/// <summary>Writes a secret file atomically (temporary file with mode 0600, then rename).</summary>
public static class SecretFile
{
    public static void WriteAtomically(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
