namespace GovChain.CreditService.Domain;

/// <summary>The encrypted score and where the allowed query record sits on the ledger (-1 when the place is unknown).</summary>
public sealed record QueryAnswer(string QueryId, byte[] EncryptedScore, long Height, long Leaf);
