namespace GovChain.Wallet.Documents;

/// <summary>A consent the ledger's contract would reject (no categories, empty or too long window, core data).</summary>
public sealed class ConsentRuleException : Exception
{
    public ConsentRuleException()
    {
    }

    public ConsentRuleException(string message)
        : base(message)
    {
    }

    public ConsentRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
