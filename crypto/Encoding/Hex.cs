namespace GovChain.Crypto;

/// <summary>Hex with a typed error: input is case-insensitive and may carry a 0x prefix and surrounding white space.</summary>
public static class Hex
{
    public static byte[] Decode(string hex, string what = "hex input")
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.AsSpan().Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            s = s[2..];
        }

        if (s.Length % 2 != 0)
        {
            throw new CryptoInputException($"{what}: odd number of hex digits ({s.Length})");
        }

        try
        {
            return Convert.FromHexString(s);
        }
        catch (FormatException)
        {
            throw new CryptoInputException($"{what}: not valid hex");
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
