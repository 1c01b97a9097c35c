using GovChain.Crypto;

namespace GovChain.Wallet.Store;

/// <summary>The unlocked owner of a wallet: participant id and SM2 key.</summary>
public sealed record WalletIdentity(string ParticipantId, Sm2PrivateKey Key);
