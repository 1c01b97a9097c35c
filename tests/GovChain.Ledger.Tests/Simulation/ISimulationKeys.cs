using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>The validators' keys in a run: public keys, per-validator signers, and the verifier every node uses.</summary>
internal interface ISimulationKeys : ISignatureVerifier
{
    IReadOnlyList<byte[]> PublicKeys { get; }

    IConsensusSigner SignerFor(int validator);
}
