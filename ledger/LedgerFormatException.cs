namespace GovChain.Ledger;

/// <summary>Bytes that do not decode to a well-formed ledger object (truncated, oversized, unknown tag, bad length).</summary>
public sealed class LedgerFormatException : Exception
{
    public LedgerFormatException()
    {
    }

    public LedgerFormatException(string message)
        : base(message)
    {
    }

    public LedgerFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
