using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace GovChain.Crypto;

/// <summary>HMAC-SM3 (RFC 2104 over SM3, block size 64).</summary>
public static class HmacSm3
{
    public const int MacSizeInBytes = 32;

    public static byte[] HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        if (CryptoFastPath.Enabled)
        {
            var fast = new byte[MacSizeInBytes];
            new HmacSm3Key(key).Compute(data, fast);
            return fast;
        }

        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var result = new byte[MacSizeInBytes];
        mac.DoFinal(result);
        return result;
    }

    /// <summary>Checks a tag in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
    {
        var expected = HashData(key, data);
        return tag.Length == MacSizeInBytes && CryptographicOperations.FixedTimeEquals(expected, tag);
    }
}
