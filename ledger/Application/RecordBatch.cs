using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// Up to <see cref="MaxRecords"/> records that one actor (typically an agency service) signs once, under one nonce.
/// Each record is applied by the contracts exactly as if the actor had signed it alone, and becomes its own log leaf
/// (a <see cref="BatchedRecord"/>). The signature covers the batch's count and the RFC 9162 SM3 Merkle root over the
/// records' payload encodings, so a single logged record proves the actor's signature with its audit path alone.
/// A batch may not hold registrations (they bind keys and nonces), batches, or batched records.
/// </summary>
public sealed record RecordBatch : TransactionPayload
{
    public const int MaxRecords = 1000;

    private readonly ImmutableArray<byte[]> encodings;
    private readonly BatchTree tree;

    public RecordBatch(IEnumerable<TransactionPayload> records)
        : this(Validated(records), null)
    {
    }

    // Decoding passes the record bytes it read (canonical, so equal to a fresh encoding) to avoid encoding twice.
    private RecordBatch(ImmutableArray<TransactionPayload> records, ImmutableArray<byte[]>? readEncodings)
    {
        Records = records;
        encodings = readEncodings ?? [.. records.Select(record =>
        {
            var w = new CanonicalWriter();
            record.WriteTo(w);
            return w.ToArray();
        })];
        tree = new BatchTree(ImmutableCollectionsMarshal.AsArray(encodings)!);
        Root = tree.Root;
    }

    public override TransactionKind Kind => TransactionKind.RecordBatch;

    public ImmutableArray<TransactionPayload> Records { get; }

    /// <summary>RFC 9162 Merkle root (SM3) over the records' payload encodings (kind byte and body).</summary>
    public Hash32 Root { get; }

    public bool Equals(RecordBatch? other) => other is not null && Records.Length == other.Records.Length && Root == other.Root;

    public override int GetHashCode() => Root.GetHashCode();

    /// <summary>Record <paramref name="index"/> as the log holds it: its payload with its audit path to <see cref="Root"/>.</summary>
    public BatchedRecord Member(int index) => new((uint)Records.Length, (uint)index, tree.Path(index), Records[index], encodings[index]);

    private static ImmutableArray<TransactionPayload> Validated(IEnumerable<TransactionPayload> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ImmutableArray<TransactionPayload> list = [.. records];
        if (list.Length is 0 or > MaxRecords)
        {
            throw new LedgerFormatException($"a batch holds 1..{MaxRecords} records, not {list.Length}");
        }

        foreach (var record in list)
        {
            EnsureBatchable(record.Kind);
        }

        return list;
    }

    internal static void EnsureBatchable(TransactionKind kind)
    {
        if (kind is TransactionKind.RegisterParticipant or TransactionKind.RecordBatch or TransactionKind.BatchedRecord)
        {
            throw new LedgerFormatException($"a batch cannot hold a {kind}");
        }
    }

    internal static void WriteSignedForm(CanonicalWriter writer, uint count, Hash32 root)
    {
        writer.WriteByte((byte)TransactionKind.RecordBatch);
        writer.WriteUInt32(count);
        writer.WriteHash(root);
    }

    internal override void WriteSignedForm(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteSignedForm(writer, (uint)Records.Length, Root);
    }

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt32((uint)encodings.Length);
        foreach (var encoding in encodings)
        {
            writer.WriteBytes(encoding);
        }
    }

    internal static RecordBatch ReadBody(ref CanonicalReader reader)
    {
        var count = reader.ReadCount(MaxRecords);
        if (count == 0)
        {
            throw new LedgerFormatException($"a batch holds 1..{MaxRecords} records, not 0");
        }

        var records = ImmutableArray.CreateBuilder<TransactionPayload>(count);
        var read = ImmutableArray.CreateBuilder<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            read.Add(reader.ReadBytes(Consensus.Block.MaxTransactionBytes));
            records.Add(ReadInner(read[i]));
        }

        return new RecordBatch(records.MoveToImmutable(), read.MoveToImmutable());
    }

    /// <summary>One record's payload encoding, read whole: the bytes must be exactly one batchable payload.</summary>
    internal static TransactionPayload ReadInner(ReadOnlySpan<byte> encoding)
    {
        var inner = new CanonicalReader(encoding);
        var record = ReadFrom(ref inner);
        inner.EnsureEnd();
        EnsureBatchable(record.Kind);
        return record;
    }
}
