namespace GovChain.CreditService.Domain;

/// <summary>The ledger's contracts refused a record this service submitted (maps to FAILED_PRECONDITION, with the contract's reason).</summary>
public sealed class LedgerRejectionException : Exception
{
    public LedgerRejectionException(string message)
        : base(message)
    {
    }

    public LedgerRejectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
