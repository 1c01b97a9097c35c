using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// What an auditor takes away from a trail query: records with inclusion proofs against a quorum-signed tree head,
/// optionally an earlier signed head with the proof that the log only grew since, and optionally the validators'
/// statement that no record of the trail was left out (<see cref="TrailAttestation"/>). Checked offline by
/// <see cref="AuditVerifier"/>.
/// </summary>
public sealed record AuditBundle(
    SignedTreeHead Head,
    ImmutableArray<AuditedRecord> Records,
    SignedTreeHead? EarlierHead,
    ConsistencyProof? Consistency,
    TrailAttestation? Completeness = null)
{
    public const int MaxRecords = 100_000;

    /// <summary>About the encoding's length, for sizing a buffer up front (a writer grows when it is short).</summary>
    public int EncodedSizeEstimate => 1024 + Records.Sum(r => 8 + r.Record.Length + r.Proof.EncodedLength);

    public byte[] Encode()
    {
        // Sized up front and proofs written in place: trail replies are encoded thousands of times a second.
        var writer = new CanonicalWriter(EncodedSizeEstimate);
        WriteTo(writer);
        return writer.ToArray();
    }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(Head.Encode());
        writer.WriteUInt32((uint)Records.Length);
        foreach (var r in Records)
        {
            writer.WriteBytes(r.Record);
            writer.WriteUInt32((uint)r.Proof.EncodedLength);
            r.Proof.WriteTo(writer);
        }

        writer.WriteBool(EarlierHead is not null);
        if (EarlierHead is not null)
        {
            writer.WriteBytes(EarlierHead.Encode());
            writer.WriteBytes((Consistency ?? throw new InvalidOperationException("an earlier head needs its consistency proof")).Encode());
        }

        writer.WriteBool(Completeness is not null);
        Completeness?.WriteTo(writer);
    }

    public static AuditBundle Decode(ReadOnlySpan<byte> bytes)
    {
        const int MaxPart = 1 << 20;
        var reader = new CanonicalReader(bytes);
        var head = SignedTreeHead.Decode(reader.ReadBytes(MaxPart));
        var count = reader.ReadCount(MaxRecords);
        var records = ImmutableArray.CreateBuilder<AuditedRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var record = reader.ReadBytes(Consensus.Block.MaxTransactionBytes);
            records.Add(new AuditedRecord(record, InclusionProof.Decode(reader.ReadSpan(MaxPart))));
        }

        SignedTreeHead? earlier = null;
        ConsistencyProof? consistency = null;
        if (reader.ReadBool())
        {
            earlier = SignedTreeHead.Decode(reader.ReadBytes(MaxPart));
            consistency = ConsistencyProof.Decode(reader.ReadBytes(MaxPart));
        }

        // Exports written before completeness statements existed end here.
        var completeness = reader.Remaining > 0 && reader.ReadBool() ? TrailAttestation.ReadFrom(ref reader) : null;
        reader.EnsureEnd();
        return new AuditBundle(head, records.MoveToImmutable(), earlier, consistency, completeness);
    }
}
