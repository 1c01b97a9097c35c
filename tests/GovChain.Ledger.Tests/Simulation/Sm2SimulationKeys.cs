using GovChain.Crypto;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>Real SM2 keys for a run, derived from the seed; used on a few seeds to prove the production signer end to end.</summary>
internal sealed class Sm2SimulationKeys : ISimulationKeys
{
    private readonly Sm2ConsensusSigner[] signers;
    private readonly Sm2SignatureVerifier verifier = new();

    public Sm2SimulationKeys(int count, int seed)
    {
        signers = new Sm2ConsensusSigner[count];
        for (var i = 0; i < count; i++)
        {
            var scalar = Sm3.HashData(BitConverter.GetBytes(((long)seed << 16) | (uint)i));
            scalar[0] &= 0x7f; // below the group order
            signers[i] = new Sm2ConsensusSigner(Sm2PrivateKey.FromScalar(scalar));
        }

        PublicKeys = [.. signers.Select(s => s.PublicKey)];
    }

    public IReadOnlyList<byte[]> PublicKeys { get; }

    public IConsensusSigner SignerFor(int validator) => signers[validator];

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        verifier.Verify(publicKey, message, signature);
}
