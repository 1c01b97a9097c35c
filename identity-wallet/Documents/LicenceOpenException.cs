namespace GovChain.Wallet.Documents;

/// <summary>A licence envelope and blob that do not open: bad issuer signature, wrong holder key, altered blob or document.</summary>
public sealed class LicenceOpenException : Exception
{
    public LicenceOpenException()
    {
    }

    public LicenceOpenException(string message)
        : base(message)
    {
    }

    public LicenceOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
