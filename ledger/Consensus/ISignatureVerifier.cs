namespace GovChain.Ledger.Consensus;

/// <summary>Checks a validator's signature against the public key recorded in the validator set.</summary>
public interface ISignatureVerifier
{
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
