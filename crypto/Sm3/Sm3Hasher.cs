using Org.BouncyCastle.Crypto.Digests;

namespace GovChain.Crypto;

/// <summary>Incremental SM3, for data that arrives in pieces (ZA‖M, streams, Merkle nodes).</summary>
public sealed class Sm3Hasher : IDisposable
{
    private readonly SM3Digest? reference = CryptoFastPath.Enabled ? null : new SM3Digest();
    private Sm3Core core = Sm3Core.Create();

    public void Append(ReadOnlySpan<byte> data)
    {
        if (reference is null)
        {
            core.Append(data);
        }
        else
        {
            reference.BlockUpdate(data);
        }
    }

    public byte[] GetHashAndReset()
    {
        var result = new byte[Sm3.HashSizeInBytes];
        GetHashAndReset(result);
        return result;
    }

    public int GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < Sm3.HashSizeInBytes)
        {
            throw new ArgumentException("destination is shorter than 32 bytes", nameof(destination));
        }

        if (reference is null)
        {
            core.Finish(destination);
        }
        else
        {
            reference.DoFinal(destination);
        }

        return Sm3.HashSizeInBytes;
    }

    public void Dispose()
    {
        core.Reset();
        reference?.Reset();
    }
}
