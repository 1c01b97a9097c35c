using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// The bureaus' uploaded key sets by key id. The raw blobs persist in the blob store (so a restarted node still knows
/// a key id); parsed sets live in a small LRU because Galois keys are tens of megabytes each.
/// </summary>
public sealed class SealKeyRegistry
{
    private readonly BlobStore blobs;
    private readonly string manifests;
    private readonly int capacity;
    private readonly LinkedList<SealKeySet> recent = new();
    private readonly Lock gate = new();

    public SealKeyRegistry(BlobStore blobs, string directory, int capacity = 4)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.blobs = blobs;
        manifests = Path.GetFullPath(directory);
        this.capacity = capacity;
        Directory.CreateDirectory(manifests);
    }

    /// <summary>Parses, checks and stores a key set; registering the same bytes again returns the same id.</summary>
    /// <exception cref="MalformedInputException">A blob is malformed or the set is unusable for scoring.</exception>
    public SealKeySet Register(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> galoisKeys)
    {
        var set = SealKeySet.Parse(parameters, publicKey, galoisKeys);
        var w = new CanonicalWriter();
        w.WriteHash(blobs.Put(parameters));
        w.WriteHash(blobs.Put(publicKey));
        w.WriteHash(blobs.Put(galoisKeys));
        AtomicFile.Write(ManifestPath(set.KeyId), w.WrittenSpan);
        Remember(set);
        return set;
    }

    /// <exception cref="ResourceNotFoundException">No key set was registered under this id.</exception>
    public SealKeySet Get(Hash32 keyId)
    {
        lock (gate)
        {
            for (var node = recent.First; node is not null; node = node.Next)
            {
                if (node.Value.KeyId == keyId)
                {
                    recent.Remove(node);
                    recent.AddFirst(node);
                    return node.Value;
                }
            }
        }

        var set = Load(keyId);
        Remember(set);
        return set;
    }

    private SealKeySet Load(Hash32 keyId)
    {
        byte[] manifest;
        try
        {
            manifest = File.ReadAllBytes(ManifestPath(keyId));
        }
        catch (FileNotFoundException ex)
        {
            throw new ResourceNotFoundException($"unknown key id {keyId}: register the keys first", ex);
        }

        if (manifest.Length != 3 * Hash32.Size)
        {
            throw new BlobIntegrityException($"key manifest {keyId} is damaged");
        }

        byte[] Part(int i) => blobs.TryGet(new Hash32(manifest.AsSpan(i * Hash32.Size, Hash32.Size)))
            ?? throw new BlobIntegrityException($"key set {keyId} lost one of its blobs");
        var (parameters, publicKey, galoisKeys) = (Part(0), Part(1), Part(2));
        return SealKeySet.ComputeKeyId(parameters, publicKey, galoisKeys) == keyId
            ? SealKeySet.Parse(parameters, publicKey, galoisKeys)
            : throw new BlobIntegrityException($"key set {keyId} no longer matches its id");
    }

    private void Remember(SealKeySet set)
    {
        lock (gate)
        {
            for (var node = recent.First; node is not null; node = node.Next)
            {
                if (node.Value.KeyId == set.KeyId)
                {
                    recent.Remove(node);
                    break;
                }
            }

            recent.AddFirst(set);
            while (recent.Count > capacity)
            {
                recent.RemoveLast();
            }
        }
    }

    private string ManifestPath(Hash32 keyId) => Path.Combine(manifests, keyId + ".keys");
}
