namespace GovChain.Wallet.Store;

/// <summary>
/// The clear part of a sealed wallet file, all of it authenticated: what the file holds (Kind), whose wallet it
/// belongs to (Owner), its name in the wallet (Name, e.g. the credential id) and a public label (the credential type)
/// that may be listed without the password.
/// </summary>
internal sealed record SealedFileHeader(string Kind, string Owner, string Name, string Label)
{
    public const string CredentialKind = "credential";
    public const string ConsentLogKind = "consent-log";
}
