namespace GovChain.Ledger.Consensus;

/// <summary>Signs consensus payloads with this validator's key. SM2 in production; the simulator injects a cheap signer.</summary>
public interface IConsensusSigner
{
    byte[] Sign(ReadOnlySpan<byte> message);
}
