using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Content-addressed blobs under one directory: a blob's name is its SM3 hash (two-level fan-out), writes are atomic,
/// and every read re-hashes, so a damaged file is reported instead of served.
/// </summary>
public sealed class BlobStore
{
    private readonly string root;

    public BlobStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
    }

    /// <summary>Stores the bytes (a no-op when already present) and returns their SM3 hash.</summary>
    public Hash32 Put(ReadOnlySpan<byte> content)
    {
        var hash = Hash32.Compute(content);
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            AtomicFile.Write(path, content);
        }

        return hash;
    }

    public bool Contains(Hash32 hash) => File.Exists(PathOf(hash));

    /// <summary>The blob, or null when absent.</summary>
    /// <exception cref="BlobIntegrityException">The file's content no longer hashes to its name.</exception>
    public byte[]? TryGet(Hash32 hash)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(PathOf(hash));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return Hash32.Compute(content) == hash ? content : throw new BlobIntegrityException($"blob {hash} is damaged: its content no longer matches its hash");
    }

    private string PathOf(Hash32 hash)
    {
        var hex = hash.ToString();
        return Path.Combine(root, hex[..2], hex);
    }
}
