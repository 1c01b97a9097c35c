using System.Security.Cryptography;
using GovChain.CreditService.Data;
using GovChain.CreditService.Hosting;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Where a node keeps its agency's subject data: an <see cref="EncryptedSubjectStore"/> in <c>subjects/</c> of the
/// data directory, keyed by the 16-byte file <see cref="ServiceOptions.StoreKeyPath"/> (created 0600 when absent).
/// Importers open the same store with <see cref="Open"/> while the node is stopped.
/// </summary>
public static class SubjectStoreLocation
{
    public const string DirectoryName = "subjects";
    private const int KeySize = 16;

    public static string DirectoryOf(ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.DataDirectory, DirectoryName);
    }

    public static EncryptedSubjectStore Open(ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyPath = options.StoreKeyPath;
        if (!File.Exists(keyPath))
        {
            AtomicFile.Write(keyPath, RandomNumberGenerator.GetBytes(KeySize));
        }

        var key = File.ReadAllBytes(keyPath);
        return key.Length == KeySize
            ? EncryptedSubjectStore.Open(DirectoryOf(options), key)
            : throw new ServiceConfigException($"store key {keyPath} must hold {KeySize} bytes, not {key.Length}");
    }
}
