namespace GovChain.Ledger.Storage;

/// <summary>The keyed audit-trail indexes (the time index is <see cref="LedgerStore.TrailByTime"/>).</summary>
public enum TrailIndex
{
    Subject,
    Bureau,
    Consent,
}
