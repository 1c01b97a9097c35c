namespace GovChain.Wallet.Documents;

/// <summary>A wallet document, token or argument that is malformed: the message is one line naming what is wrong.</summary>
public sealed class WalletFormatException : Exception
{
    public WalletFormatException()
    {
    }

    public WalletFormatException(string message)
        : base(message)
    {
    }

    public WalletFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
