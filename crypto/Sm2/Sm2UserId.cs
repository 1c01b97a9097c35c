namespace GovChain.Crypto;

/// <summary>The distinguishing identifier that enters ZA (GB/T 32918.2 §5.5).</summary>
public static class Sm2UserId
{
    /// <summary>"1234567812345678": GB/T 35276's default, used by OpenSSL, sm-crypto and BouncyCastle.</summary>
    public static ReadOnlySpan<byte> Default => "1234567812345678"u8;

    /// <summary>ENTL is a 16-bit bit count, so an ID may be at most 8191 bytes.</summary>
    public const int MaxLengthInBytes = 8191;

    /// <summary>An empty span means the default ID.</summary>
    internal static ReadOnlySpan<byte> OrDefault(ReadOnlySpan<byte> userId)
    {
        if (userId.Length > MaxLengthInBytes)
        {
            throw new CryptoInputException($"SM2 user ID is {userId.Length} bytes; at most {MaxLengthInBytes} fit ENTL");
        }

        return userId.IsEmpty ? Default : userId;
    }
}
