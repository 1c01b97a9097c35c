using System.Buffers.Binary;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// An incremental multiset hash of the state (AdHash, Bellare–Micciancio): the sum modulo 2^256 of
/// SM3("GovChain.state.record.v2" ‖ table ‖ record encoding) over every record, plus the record count. Adding or
/// replacing a record costs one or two SM3 calls whatever the state's size, and the result does not depend on the
/// order in which records were written, only on the final set — so every node that applied the same block gets the
/// same root. It detects divergence between nodes and a corrupt replay; it is not a commitment to prove single
/// records against (no state proofs are served; docs/consensus.md §12).
/// </summary>
internal sealed class StateDigest
{
    private static readonly byte[] RecordTag = "GovChain.state.record.v2"u8.ToArray();
    private static readonly byte[] RootTag = "GovChain.state.v2"u8.ToArray();

    // Little-endian 64-bit limbs of the 256-bit sum.
    private readonly ulong[] sum = new ulong[4];
    private long count;

    private const int EncodedSize = 40;

    /// <summary>Records in the state.</summary>
    public long Count => count;

    /// <summary>The digest as a store keeps it: count, then the sum, both big-endian.</summary>
    public byte[] Encode()
    {
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

    public void Add(StateTable table, ReadOnlySpan<byte> record)
    {
        Span<ulong> h = stackalloc ulong[4];
        RecordHash(table, record, h);
        ulong carry = 0;
        for (var i = 0; i < 4; i++)
        {
            var s = sum[i] + h[i];
            var c1 = s < sum[i] ? 1UL : 0UL;
            var s2 = s + carry;
            var c2 = s2 < s ? 1UL : 0UL;
            sum[i] = s2;
            carry = c1 | c2;
        }

        count++;
    }

    public void Remove(StateTable table, ReadOnlySpan<byte> record)
    {
        Span<ulong> h = stackalloc ulong[4];
        RecordHash(table, record, h);
        ulong borrow = 0;
        for (var i = 0; i < 4; i++)
        {
            var d = sum[i] - h[i];
            var b1 = sum[i] < h[i] ? 1UL : 0UL;
            var d2 = d - borrow;
            var b2 = d < borrow ? 1UL : 0UL;
            sum[i] = d2;
            borrow = b1 | b2;
        }

        count--;
    }

    /// <summary>SM3("GovChain.state.v2" ‖ count ‖ sum), with the sum big-endian.</summary>
    public Hash32 Root()
    {
        var w = new CanonicalWriter(64);
        w.WriteFixed(RootTag);
        w.WriteUInt64((ulong)count);
        for (var i = 3; i >= 0; i--)
        {
            w.WriteUInt64(sum[i]);
        }

        return Hash32.Compute(w.WrittenSpan);
    }

    private static void RecordHash(StateTable table, ReadOnlySpan<byte> record, Span<ulong> limbs)
    {
        var length = RecordTag.Length + 1 + record.Length;
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        RecordTag.CopyTo(buffer);
        buffer[RecordTag.Length] = (byte)table;
        record.CopyTo(buffer[(RecordTag.Length + 1)..]);
        Span<byte> digest = stackalloc byte[Hash32.Size];
        Hash32.Compute(buffer).CopyTo(digest);
        for (var i = 0; i < 4; i++)
        {
            limbs[i] = BinaryPrimitives.ReadUInt64LittleEndian(digest[(i * 8)..]);
        }
    }
}
