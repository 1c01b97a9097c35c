namespace GovChain.Wallet.Store;

/// <summary>One consent transaction the wallet signed: granted or revoked, for which bureau, and the transaction's hash.</summary>
public sealed record ConsentLogEntry(string ConsentId, string Action, string Bureau, long At, string TransactionHash)
{
    public const string Granted = "granted";
    public const string Revoked = "revoked";
}
