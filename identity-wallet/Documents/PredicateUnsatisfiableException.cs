namespace GovChain.Wallet.Documents;

/// <summary>The holder's credential does not satisfy the requested predicate, so no proof exists.</summary>
public sealed class PredicateUnsatisfiableException : Exception
{
    public PredicateUnsatisfiableException()
    {
    }

    public PredicateUnsatisfiableException(string message)
        : base(message)
    {
    }

    public PredicateUnsatisfiableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
