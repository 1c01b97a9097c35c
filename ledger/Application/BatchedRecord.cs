using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Application;

/// <summary>
/// One record of a <see cref="RecordBatch"/> as the transparency log holds it: the record's payload, its index, the
/// batch's size and the audit path from the record to the batch root. Logged inside a <see cref="LedgerTransaction"/>
/// that carries the batch's actor, nonce and signature, so the leaf verifies on its own (the signed form is rebuilt
/// from the path) without the rest of the batch. The contracts reject it as a submission.
/// </summary>
public sealed record BatchedRecord : TransactionPayload
{
    private const int MaxPath = 32;

    public BatchedRecord(uint count, uint index, ImmutableArray<Hash32> path, TransactionPayload record)
        : this(count, index, path, record, Encode(record))
    {
    }

    internal BatchedRecord(uint count, uint index, ImmutableArray<Hash32> path, TransactionPayload record, byte[] recordEncoding)
    {
        if (count is 0 or > RecordBatch.MaxRecords || index >= count || path.Length > MaxPath)
        {
            throw new LedgerFormatException($"batched record {index} of {count} is out of range");
        }

        RecordBatch.EnsureBatchable(record.Kind);
        Count = count;
        Index = index;
        Path = path;
        Record = record;
        RecordEncoding = recordEncoding;
    }

    public override TransactionKind Kind => TransactionKind.BatchedRecord;

    public uint Count { get; }

    public uint Index { get; }

    public ImmutableArray<Hash32> Path { get; }

    public TransactionPayload Record { get; }

    internal byte[] RecordEncoding { get; }

    public bool Equals(BatchedRecord? other) =>
        other is not null && Count == other.Count && Index == other.Index && Path.SequenceEqual(other.Path) && RecordEncoding.AsSpan().SequenceEqual(other.RecordEncoding);

    public override int GetHashCode() => HashCode.Combine(Count, Index, Hash32.Compute(RecordEncoding));

    /// <summary>The batch root this record's path leads to, or null when the path does not fit its index and count.</summary>
    public Hash32? BatchRoot() =>
        new InclusionProof(Index, Count, Path).RootFrom(MerkleHasher.Sm3, MerkleHasher.Sm3.HashLeaf(RecordEncoding));

    internal override void WriteSignedForm(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var root = BatchRoot() ?? throw new LedgerFormatException($"the audit path of batched record {Index} of {Count} does not fit");
        RecordBatch.WriteSignedForm(writer, Count, root);
    }

    private static byte[] Encode(TransactionPayload record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var w = new CanonicalWriter();
        record.WriteTo(w);
        return w.ToArray();
    }

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteUInt32(Count);
        writer.WriteUInt32(Index);
        writer.WriteUInt32((uint)Path.Length);
        foreach (var hash in Path)
        {
            writer.WriteHash(hash);
        }

        writer.WriteBytes(RecordEncoding);
    }

    internal static BatchedRecord ReadBody(ref CanonicalReader reader)
    {
        var count = reader.ReadUInt32();
        var index = reader.ReadUInt32();
        var path = ImmutableArray.CreateBuilder<Hash32>(reader.ReadCount(MaxPath));
        for (var i = 0; i < path.Capacity; i++)
        {
            path.Add(reader.ReadHash());
        }

        var encoding = reader.ReadBytes(Consensus.Block.MaxTransactionBytes);
        return new BatchedRecord(count, index, path.MoveToImmutable(), RecordBatch.ReadInner(encoding), encoding);
    }
}
