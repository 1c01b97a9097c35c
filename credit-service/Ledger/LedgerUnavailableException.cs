namespace GovChain.CreditService.Ledger;

/// <summary>The ledger could not be reached, or did not decide in time; the operation may be retried with the same ids.</summary>
public sealed class LedgerUnavailableException : Exception
{
    public LedgerUnavailableException()
    {
    }

    public LedgerUnavailableException(string message)
        : base(message)
    {
    }

    public LedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
