using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// What applying a transaction did. A rejected transaction changes nothing; an accepted one may still record a
/// denial (a query outside its consent), with <see cref="Reason"/> saying why. An accepted batch lists, in
/// <see cref="BatchRecords"/>, what became of each of its records.
/// </summary>
public sealed record TransactionResult(Hash32 TransactionId, bool Accepted, string Reason)
{
    /// <summary>For an accepted <see cref="RecordBatch"/>: one outcome per record, in batch order; empty otherwise.</summary>
    public IReadOnlyList<BatchRecordOutcome> BatchRecords { get; init; } = [];

    public static TransactionResult Accept(Hash32 id, string reason = "ok") => new(id, true, reason);

    public static TransactionResult Reject(Hash32 id, string reason) => new(id, false, reason);
}
