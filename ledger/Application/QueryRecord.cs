using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A query as the ledger judged it: allowed, or denied with the reason; <see cref="RecordedBy"/> is the agency node.</summary>
public sealed record QueryRecord(
    string Id,
    string ConsentId,
    string Bureau,
    string RecordedBy,
    string Subject,
    string[] Categories,
    Hash32 ModelHash,
    Hash32 InputHash,
    Hash32 OutputHash,
    Hash32 RequestHash,
    long Time,
    bool Allowed,
    string Reason);
