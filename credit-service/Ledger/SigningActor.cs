using GovChain.Crypto;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// One ledger identity this node signs with, and its next nonce. Nonces are strictly sequential per key, so every
/// submission holds <see cref="Gate"/> from signing until the outcome is known.
/// </summary>
internal sealed class SigningActor(string id, Sm2PrivateKey key) : IDisposable
{
    public string Id { get; } = id;

    public Sm2PrivateKey Key { get; } = key;

    public byte[] PublicKey { get; } = key.PublicKey.ToUncompressed();

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The nonce the next transaction carries; null until read from the ledger (again).</summary>
    public ulong? NextNonce { get; set; }

    public void Dispose() => Gate.Dispose();
}
