using GovChain.Crypto;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Signing;

/// <summary>Signs consensus payloads with a validator's SM2 key (raw r‖s, the default user id).</summary>
public sealed class Sm2ConsensusSigner(Sm2PrivateKey key) : IConsensusSigner
{
    /// <summary>The 65-byte uncompressed public key, as listed in the validator set.</summary>
    public byte[] PublicKey => key.PublicKey.ToUncompressed();

    public byte[] Sign(ReadOnlySpan<byte> message) => key.SignData(message).ToRaw();
}
