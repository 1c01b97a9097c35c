namespace GovChain.CreditService.Data;

/// <summary>Files and folders only their owner may read (0600 / 0700), written atomically: temp file, flush, rename.</summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FileMode600 | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Replaces (or, with <paramref name="overwrite"/> false, creates) <paramref name="path"/> in one rename.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, bool overwrite = true)
    {
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = FileMode600;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>True when group or others may read or write the file.</summary>
    public static bool IsShared(string path) =>
        !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;
}
