using Org.BouncyCastle.Crypto.Digests;

namespace GovChain.Crypto;

/// <summary>Incremental SM3, for data that arrives in pieces (ZA‖M, streams, Merkle nodes).</summary>
public sealed class Sm3Hasher : IDisposable
{
    private readonly SM3Digest digest = new();

    public void Append(ReadOnlySpan<byte> data) => digest.BlockUpdate(data);

    public byte[] GetHashAndReset()
    {
        var result = new byte[Sm3.HashSizeInBytes];
        digest.DoFinal(result);
        return result;
    }

    public int GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < Sm3.HashSizeInBytes)
        {
            throw new ArgumentException("destination is shorter than 32 bytes", nameof(destination));
        }

        return digest.DoFinal(destination);
    }

    public void Dispose() => digest.Reset();
}
