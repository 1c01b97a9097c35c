using Org.BouncyCastle.Crypto.Digests;

namespace GovChain.Crypto;

/// <summary>SM3 hash (GB/T 32905-2016), one-shot.</summary>
public static class Sm3
{
    public const int HashSizeInBytes = 32;

    public static byte[] HashData(ReadOnlySpan<byte> source)
    {
        var result = new byte[HashSizeInBytes];
        HashData(source, result);
        return result;
    }

    public static int HashData(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("destination is shorter than 32 bytes", nameof(destination));
        }

        if (CryptoFastPath.Enabled)
        {
            Sm3Core.HashData(source, destination);
            return HashSizeInBytes;
        }

        var digest = new SM3Digest();
        digest.BlockUpdate(source);
        return digest.DoFinal(destination);
    }

    public static byte[] HashData(Stream stream)
    {
        using var hasher = new Sm3Hasher();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hasher.Append(buffer.AsSpan(0, read));
        }

        return hasher.GetHashAndReset();
    }
}
