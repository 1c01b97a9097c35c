namespace GovChain.Wallet.Store;

/// <summary>What the wallet shows about a stored credential without the password: its id and type, nothing private.</summary>
public sealed record CredentialIndexEntry(string Id, string Type);
