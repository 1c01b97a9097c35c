using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>The re-randomized result ciphertext and the two hashes the ledger's query record carries.</summary>
public sealed record EncryptedScore(byte[] Ciphertext, Hash32 InputHash, Hash32 OutputHash);
