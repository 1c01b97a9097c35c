namespace GovChain.CreditService.Domain;

/// <summary>A bureau's encrypted query, as the Run call carries it (fields unchecked until the processor checks them).</summary>
public sealed record QueryRequest(string QueryId, string ConsentId, string Subject, string ModelId, string KeyId, byte[] EncryptedWeights);
