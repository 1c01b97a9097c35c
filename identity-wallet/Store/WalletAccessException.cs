namespace GovChain.Wallet.Store;

/// <summary>The wallet cannot be used as asked: wrong password, no wallet in the directory, or one already there.</summary>
public sealed class WalletAccessException : Exception
{
    public WalletAccessException()
    {
    }

    public WalletAccessException(string message)
        : base(message)
    {
    }

    public WalletAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
