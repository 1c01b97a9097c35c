namespace GovChain.CreditService.Domain;

/// <summary>A stored blob or record no longer matches its hash: the data directory was altered or damaged.</summary>
public sealed class BlobIntegrityException : Exception
{
    public BlobIntegrityException(string message)
        : base(message)
    {
    }

    public BlobIntegrityException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
