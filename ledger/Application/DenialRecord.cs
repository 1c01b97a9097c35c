using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A refused request as an agency node recorded it.</summary>
public sealed record DenialRecord(string Id, string RecordedBy, string Requester, string Operation, string Subject, string Reason, Hash32 RequestHash, long Time);
