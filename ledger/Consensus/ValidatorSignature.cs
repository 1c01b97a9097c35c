namespace GovChain.Ledger.Consensus;

/// <summary>One validator's signature inside a certificate, identified by its index in the validator set.</summary>
public sealed record ValidatorSignature(ushort Validator, byte[] Signature)
{
    public const int MaxSignatureBytes = 128;
}
