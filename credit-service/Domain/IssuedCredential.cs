namespace GovChain.CreditService.Domain;

/// <summary>A credential as handed to its holder: the Credential JSON SM2-encrypted to the holder, and the public statement.</summary>
public sealed record IssuedCredential(string CredentialId, byte[] SealedCredential, string StatementJson, long Height, long Leaf);
