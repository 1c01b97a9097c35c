using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A decoded transaction whose signature verified, or the reason it is rejected before touching state.</summary>
public sealed record CheckedTransaction(Hash32 Id, LedgerTransaction? Transaction, string? Error);
