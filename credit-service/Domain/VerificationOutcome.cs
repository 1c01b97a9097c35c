namespace GovChain.CreditService.Domain;

/// <summary>
/// A proof or licence-disclosure check and its ledger record: <see cref="Status"/> is the credential's or licence's
/// registry status ("active", "revoked" or "unknown"); height and leaf are -1 when the record was made by an earlier try.
/// </summary>
public sealed record VerificationOutcome(bool Valid, string Reason, string Status, string VerificationId, long Height, long Leaf);
