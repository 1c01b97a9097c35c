using GovChain.Crypto;

namespace GovChain.CreditService.Domain;

/// <summary>The agency this node speaks for: the id the ledger knows it by and the key that signs its credentials and licences.</summary>
public sealed record AgencyIdentity(string Id, Sm2PrivateKey Key);
