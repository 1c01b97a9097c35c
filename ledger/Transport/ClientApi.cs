using GovChain.Ledger.Codec;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Transport;

/// <summary>What became of a submitted transaction on the node that took it.</summary>
public enum SubmitOutcome : byte
{
    /// <summary>Committed, persisted and logged: the acknowledgement a client may rely on.</summary>
    Accepted = 0,

    /// <summary>
    /// Refused for good: by the contracts when its block committed (recorded with its reason, not logged), or, with
    /// height −1, before any block because it is malformed or its signature does not verify.
    /// </summary>
    Rejected = 1,

    /// <summary>The pool refused it (duplicate, oversized, full): resubmit later.</summary>
    NotAdmitted = 2,

    /// <summary>Not committed within the node's wait; it may still commit.</summary>
    Pending = 3,
}

/// <summary>Reply to <see cref="LedgerGrpc.Submit"/>: outcome ‖ height ‖ leaf ‖ reason.</summary>
public sealed record SubmitReply(SubmitOutcome Outcome, long Height, long Leaf, string Reason)
{
    public byte[] Encode()
    {
        var w = new CanonicalWriter(64);
        w.WriteByte((byte)Outcome);
        w.WriteInt64(Height);
        w.WriteInt64(Leaf);
        w.WriteString(Reason);
        return w.ToArray();
    }

    public static SubmitReply Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var outcome = r.ReadByte();
        if (outcome > (byte)SubmitOutcome.Pending)
        {
            throw new LedgerFormatException($"unknown submit outcome {outcome}");
        }

        var reply = new SubmitReply((SubmitOutcome)outcome, r.ReadInt64(), r.ReadInt64(), r.ReadString(4096));
        r.EnsureEnd();
        return reply;
    }
}

/// <summary>One reply on <see cref="LedgerGrpc.SubmitStream"/>: the transaction's id (its SM3) ‖ its <see cref="SubmitReply"/>.</summary>
public sealed record StreamedSubmitReply(Hash32 TransactionId, SubmitReply Reply)
{
    public byte[] Encode()
    {
        var w = new CanonicalWriter(96);
        w.WriteHash(TransactionId);
        w.WriteBytes(Reply.Encode());
        return w.ToArray();
    }

    public static StreamedSubmitReply Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var id = r.ReadHash();
        var reply = SubmitReply.Decode(r.ReadBytes(8192));
        r.EnsureEnd();
        return new StreamedSubmitReply(id, reply);
    }
}

/// <summary>Reply to <see cref="LedgerGrpc.Status"/>: committed height, state root and tree head.</summary>
public sealed record NodeStatus(long Height, Hash32 StateRoot, TreeHead Head)
{
    public byte[] Encode()
    {
        var w = new CanonicalWriter(160);
        w.WriteInt64(Height);
        w.WriteHash(StateRoot);
        Head.WriteTo(w);
        return w.ToArray();
    }

    public static NodeStatus Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var status = new NodeStatus(r.ReadInt64(), r.ReadHash(), TreeHead.ReadFrom(ref r));
        r.EnsureEnd();
        return status;
    }
}

/// <summary>
/// Request of <see cref="LedgerGrpc.Trail"/>: index ‖ key ‖ certified ‖ from leaf ‖ limit ‖ attested; the reply is a
/// <see cref="TrailPage"/>. <paramref name="Certified"/> asks for the records under the newest head that 2f+1
/// validators signed through consensus (one validator's answer then convinces an auditor; the last few blocks' records
/// wait for the next such head); otherwise the records under the node's latest head, signed by that node alone.
/// <paramref name="Attested"/> asks the node to sign that the page is complete as well (<see cref="TrailAttestation"/>,
/// one SM2 signature a page).
/// </summary>
public sealed record TrailRequest(TrailQuery Query, bool Certified = false, bool Attested = false)
{
    public byte[] Encode()
    {
        var w = new CanonicalWriter(64);
        w.WriteByte((byte)Query.Index);
        w.WriteString(Query.Key);
        w.WriteBool(Certified);
        w.WriteInt64(Query.FromLeaf);
        w.WriteUInt32((uint)Query.Limit);
        w.WriteBool(Attested);
        return w.ToArray();
    }

    public static TrailRequest Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        var index = r.ReadByte();
        if (index > (byte)TrailIndex.Time)
        {
            throw new LedgerFormatException($"unknown trail index {index}");
        }

        var key = r.ReadString(TrailQuery.MaxKeyBytes);
        var certified = r.ReadBool();
        var fromLeaf = r.ReadInt64();
        var limit = r.ReadUInt32();
        var attested = r.ReadBool();
        r.EnsureEnd();
        return new TrailRequest(new TrailQuery((TrailIndex)index, key, fromLeaf, (int)Math.Min(limit, int.MaxValue)), certified, attested);
    }
}
