namespace GovChain.CreditService.Domain;

/// <summary>A request field that cannot be used as given (a truncated SEAL blob, a proof that does not parse…); maps to INVALID_ARGUMENT.</summary>
public sealed class MalformedInputException : Exception
{
    public MalformedInputException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
    }

    public MalformedInputException(string field, string reason, Exception inner)
        : base($"{field}: {reason}", inner)
    {
        Field = field;
    }

    /// <summary>The request field at fault, as the proto names it.</summary>
    public string Field { get; }
}
