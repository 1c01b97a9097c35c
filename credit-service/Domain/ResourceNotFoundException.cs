namespace GovChain.CreditService.Domain;

/// <summary>An unknown model, key set, subject, credential or licence; maps to NOT_FOUND.</summary>
public sealed class ResourceNotFoundException : Exception
{
    public ResourceNotFoundException(string message)
        : base(message)
    {
    }

    public ResourceNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
