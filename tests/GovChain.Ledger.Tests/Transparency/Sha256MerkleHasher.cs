using System.Security.Cryptography;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>RFC 6962/9162's own hash, so the published Certificate Transparency vectors can judge the tree code.</summary>
internal sealed class Sha256MerkleHasher : MerkleHasher
{
    public static Sha256MerkleHasher Instance { get; } = new();

    protected override Hash32 Hash(ReadOnlySpan<byte> data) => new(SHA256.HashData(data));
}
