using System.Security.Cryptography;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>
/// Cheap deterministic signatures for the simulator: HMAC-SHA256 under a per-validator secret that only the
/// verifier (standing in for the public-key math) and that validator know. Byzantine nodes get only their own secret.
/// </summary>
internal sealed class SimKeys : ISimulationKeys
{
    private readonly Dictionary<string, byte[]> secretByPublicKey = [];
    private readonly byte[][] secrets;
    private readonly byte[][] publicKeys;

    public SimKeys(int count, int seed)
    {
        secrets = new byte[count][];
        publicKeys = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            secrets[i] = SHA256.HashData(BitConverter.GetBytes(((long)seed << 16) | (uint)i));
            publicKeys[i] = SHA256.HashData(secrets[i]);
            secretByPublicKey[Convert.ToHexString(publicKeys[i])] = secrets[i];
        }
    }

    public IReadOnlyList<byte[]> PublicKeys => publicKeys;

    public IConsensusSigner SignerFor(int validator) => new Signer(secrets[validator]);

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (!secretByPublicKey.TryGetValue(Convert.ToHexString(publicKey), out var secret))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(secret, message, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    private sealed class Signer(byte[] secret) : IConsensusSigner
    {
        public byte[] Sign(ReadOnlySpan<byte> message) => HMACSHA256.HashData(secret, message);
    }
}
