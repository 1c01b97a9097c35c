using System.Buffers.Binary;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// An incremental multiset hash of the state (AdHash, Bellare–Micciancio): the sum modulo 2^256 of
/// SM3("GovChain.state.record.v2" ‖ table ‖ record encoding) over every record, plus the record count. Adding or
/// replacing a record costs one or two SM3 calls whatever the state's size (deferred until the digest is read, so a
/// block's records are hashed together), and the result does not depend on the order in which records were written,
/// only on the final set — so every node that applied the same block gets the same root. It detects divergence between nodes and a corrupt replay; it is not a commitment to prove single
/// records against (no state proofs are served; docs/consensus.md §12).
/// </summary>
internal sealed class StateDigest
{
    private static readonly byte[] RecordTag = "GovChain.state.record.v2"u8.ToArray();
    private static readonly byte[] RootTag = "GovChain.state.v2"u8.ToArray();

    // Bounds the records held unhashed when nothing reads the digest for a long time (a state with no store).
    private const int MaxPending = 8192;

    // Little-endian 64-bit limbs of the 256-bit sum, without the records still pending.
    private readonly ulong[] sum = new ulong[4];
    private readonly List<(StateTable Table, byte[] Record, bool Subtract)> pending = [];
    private long count;

    private const int EncodedSize = 40;

    /// <summary>Records in the state.</summary>
    public long Count => count;

    /// <summary>The digest as a store keeps it: count, then the sum, both big-endian.</summary>
    public byte[] Encode()
    {
        Flush();
        var bytes = new byte[EncodedSize];
        BinaryPrimitives.WriteInt64BigEndian(bytes, count);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8 + (8 * (3 - i))), sum[i]);
        }

        return bytes;
    }

    public static StateDigest Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != EncodedSize || BinaryPrimitives.ReadInt64BigEndian(bytes) < 0)
        {
            throw new LedgerFormatException("the stored state digest is malformed");
        }

        var digest = new StateDigest { count = BinaryPrimitives.ReadInt64BigEndian(bytes) };
        for (var i = 0; i < 4; i++)
        {
            digest.sum[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes[(8 + (8 * (3 - i)))..]);
        }

        return digest;
    }

    /// <summary>Counts the record in; its hash joins the sum when the digest is next read.</summary>
    public void Add(StateTable table, byte[] record) => Defer(table, record, subtract: false);

    /// <summary>Counts the record out; its hash leaves the sum when the digest is next read.</summary>
    public void Remove(StateTable table, byte[] record) => Defer(table, record, subtract: true);

    /// <summary>SM3("GovChain.state.v2" ‖ count ‖ sum), with the sum big-endian.</summary>
    public Hash32 Root()
    {
        Flush();
        var w = new CanonicalWriter(64);
        w.WriteFixed(RootTag);
        w.WriteUInt64((ulong)count);
        for (var i = 3; i >= 0; i--)
        {
            w.WriteUInt64(sum[i]);
        }

        return Hash32.Compute(w.WrittenSpan);
    }

    private void Defer(StateTable table, byte[] record, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(record);
        pending.Add((table, record, subtract));
        count += subtract ? -1 : 1;
        if (pending.Count >= MaxPending)
        {
            Flush();
        }
    }

    /// <summary>
    /// Hashes the deferred records and adds or subtracts them. The sum does not depend on order, so a block's records
    /// are hashed together, sixteen messages at once where the CPU has vector lanes, a table (one prefix) at a time.
    /// </summary>
    private void Flush()
    {
        if (pending.Count == 0)
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[Hash32.Size];
        foreach (var group in pending.GroupBy(p => p.Table))
        {
            var items = group.ToArray();
            var hashes = new Hash32[items.Length];
            Sm3Many.Hash([.. RecordTag, (byte)group.Key], [.. items.Select(p => p.Record)], hashes);
            for (var i = 0; i < items.Length; i++)
            {
                hashes[i].CopyTo(bytes);
                Accumulate(bytes, items[i].Subtract);
            }
        }

        pending.Clear();
    }

    /// <summary>sum ± the hash read as a little-endian 256-bit integer, modulo 2^256.</summary>
    private void Accumulate(ReadOnlySpan<byte> hash, bool subtract)
    {
        ulong carry = 0;
        for (var i = 0; i < 4; i++)
        {
            var h = BinaryPrimitives.ReadUInt64LittleEndian(hash[(i * 8)..]);
            if (subtract)
            {
                var d = sum[i] - h;
                var d2 = d - carry;
                carry = (sum[i] < h ? 1UL : 0UL) | (d < carry ? 1UL : 0UL);
                sum[i] = d2;
            }
            else
            {
                var s = sum[i] + h;
                var s2 = s + carry;
                carry = (s < h ? 1UL : 0UL) | (s2 < s ? 1UL : 0UL);
                sum[i] = s2;
            }
        }
    }
}
