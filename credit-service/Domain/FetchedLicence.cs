namespace GovChain.CreditService.Domain;

/// <summary>What the holder fetches: the envelope JSON and the SM4-GCM blob its ciphertext hash names.</summary>
public sealed record FetchedLicence(string EnvelopeJson, byte[] Blob);
