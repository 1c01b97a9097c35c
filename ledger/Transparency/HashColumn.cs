using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// An append-only sequence of hashes, indexed by long, kept in chunks of 2^16 (2 MiB): growing never copies what it
/// holds, so a level of billions of leaves costs neither a gigabyte-sized copy (and a pause) at each doubling nor twice
/// its size while it grows, and it is not capped at 2^31 entries. The first chunk starts small and doubles up to the
/// chunk size, so the few hashes of a small tree or a high level take little room.
/// </summary>
internal sealed class HashColumn
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int FirstCapacity = 16;

    private readonly List<Hash32[]> chunks = [];

    public long Count { get; private set; }

    public Hash32 this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return chunks[(int)(index >> ChunkBits)][index & (ChunkSize - 1)];
        }
    }

    public void Add(Hash32 hash)
    {
        var offset = (int)(Count & (ChunkSize - 1));
        if (chunks.Count == 0)
        {
            chunks.Add(new Hash32[FirstCapacity]);
        }
        else if (offset == 0 && Count > 0)
        {
            chunks.Add(new Hash32[ChunkSize]);
        }
        else if (offset == chunks[^1].Length)
        {
            // Only the first chunk is ever below full size.
            var grown = chunks[^1];
            Array.Resize(ref grown, Math.Min(ChunkSize, 2 * grown.Length));
            chunks[^1] = grown;
        }

        chunks[^1][offset] = hash;
        Count++;
    }
}
