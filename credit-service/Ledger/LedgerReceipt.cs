namespace GovChain.CreditService.Ledger;

/// <summary>
/// What the ledger did with a submitted transaction. <see cref="Committed"/> is true once a block holding it is
/// final; <see cref="Accepted"/> says whether the contracts applied it (an accepted query may still be a recorded
/// denial: see <see cref="Reason"/>, "allowed" or "denied: …"). Height and leaf are -1 when not logged.
/// </summary>
public sealed record LedgerReceipt(bool Committed, bool Accepted, string Reason, long Height, long Leaf)
{
    /// <summary>The contract accepted it and its verdict is not a denial.</summary>
    public bool IsAllowed => Committed && Accepted && !Reason.StartsWith("denied", StringComparison.Ordinal);
}
