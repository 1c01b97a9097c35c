namespace GovChain.CreditService.Domain;

/// <summary>An issued licence: its envelope (the holder's wrapped key, the ciphertext hash, the issuer's signature) and its ledger place.</summary>
public sealed record IssuedLicence(string LicenceId, string EnvelopeJson, long Height, long Leaf);
