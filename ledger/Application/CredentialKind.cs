namespace GovChain.Ledger.Application;

/// <summary>A verifiable credential (attribute commitment) or an e-licence (encrypted document).</summary>
public enum CredentialKind : byte
{
    Credential = 1,
    Licence = 2,
}
