using System.Security.Cryptography;

namespace GovChain.CreditService.Data;

/// <summary>The store's 16-byte key in <c>store.key</c>: created 0600 on first use, refused if others can read it.</summary>
internal static class StoreKeyFile
{
    public const string FileName = "store.key";

    public const int KeySize = 16;

    public static byte[] LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(KeySize);
            try
            {
                OwnerOnlyFile.WriteAtomically(path, key, overwrite: false);
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        if (OwnerOnlyFile.IsShared(path))
        {
            throw new StoreIntegrityException($"{path} is readable or writable by other users; restrict it to mode 0600");
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length == KeySize
            ? bytes
            : throw new StoreIntegrityException($"{path} holds {bytes.Length} bytes, not a {KeySize}-byte key");
    }
}
