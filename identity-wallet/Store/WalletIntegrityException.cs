namespace GovChain.Wallet.Store;

/// <summary>
/// A sealed wallet file fails its checks: altered, truncated, renamed or swapped with another file, or sealed by
/// another wallet. The message is one line naming the file's role and what is wrong.
/// </summary>
public sealed class WalletIntegrityException : Exception
{
    public WalletIntegrityException()
    {
    }

    public WalletIntegrityException(string message)
        : base(message)
    {
    }

    public WalletIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
