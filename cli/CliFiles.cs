using GovChain.Crypto;

namespace GovChain.Cli;

/// <summary>File and key arguments shared by the verbs.</summary>
internal static class CliFiles
{
    public static byte[] ReadBytes(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliInputException($"file not found: {file.FullName}");
        }

        return File.ReadAllBytes(file.FullName);
    }

    /// <summary>Reads a file of hex digits (white space and a trailing newline allowed).</summary>
    public static byte[] ReadHexFile(FileInfo file, string what)
    {
        var text = System.Text.Encoding.ASCII.GetString(ReadBytes(file));
        return Hex.Decode(string.Concat(text.Where(c => !char.IsWhiteSpace(c))), what);
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, bool secret = false)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new CliInputException($"directory not found: {dir}");
        }

        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>A private key argument: a PEM file, or the hex of the 32-byte scalar.</summary>
    public static Sm2PrivateKey ReadPrivateKey(string argument)
    {
        if (File.Exists(argument))
        {
            return Sm2PrivateKey.FromPem(File.ReadAllText(argument));
        }

        if (LooksLikePath(argument))
        {
            throw new CliInputException($"key file not found: {argument}");
        }

        return Sm2PrivateKey.FromHex(argument);
    }

    /// <summary>A public key argument: a PEM file, or the hex of 04‖x‖y.</summary>
    public static Sm2PublicKey ReadPublicKey(string argument)
    {
        if (File.Exists(argument))
        {
            return Sm2PublicKey.FromPem(File.ReadAllText(argument));
        }

        if (LooksLikePath(argument))
        {
            throw new CliInputException($"public key file not found: {argument}");
        }

        return Sm2PublicKey.FromHex(argument);
    }

    private static bool LooksLikePath(string argument) =>
        argument.Contains('/') || argument.Contains('\\') || argument.EndsWith(".pem", StringComparison.OrdinalIgnoreCase);
}
