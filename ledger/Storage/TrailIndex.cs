namespace GovChain.Ledger.Storage;

/// <summary>The audit-trail indexes: three keyed by participant or consent id, one by block time.</summary>
public enum TrailIndex
{
    Subject,
    Bureau,
    Consent,

    /// <summary>Every record of the blocks whose time lies in an interval; the key is the interval (<see cref="TrailQuery"/>).</summary>
    Time,
}
