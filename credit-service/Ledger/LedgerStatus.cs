using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.CreditService.Ledger;

/// <summary>The ledger's committed height, contract state root and transparency-log tree head.</summary>
public sealed record LedgerStatus(long Height, Hash32 StateRoot, TreeHead Head);
