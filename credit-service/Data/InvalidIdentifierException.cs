namespace GovChain.CreditService.Data;

/// <summary>A resident ID number or unified social credit code that fails its format or check-digit rules.</summary>
public sealed class InvalidIdentifierException : DataInputException
{
    public InvalidIdentifierException(string message)
        : base(message)
    {
    }
}
