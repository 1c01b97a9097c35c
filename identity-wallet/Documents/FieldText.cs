using GovChain.Zkp;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Wallet.Documents;

/// <summary>BN254 scalar-field elements as canonical decimal text (the snarkjs convention).</summary>
internal static class FieldText
{
    /// <summary>Parses and insists on the canonical spelling, so one value has one text form.</summary>
    public static Fr Parse(string? text, string what)
    {
        Fr value;
        try
        {
            value = Fr.Parse(text ?? "");
        }
        catch (ZkFormatException e)
        {
            throw new WalletFormatException($"{what}: {e.Message}", e);
        }

        return value.ToString() == text ? value : throw new WalletFormatException($"{what}: '{text}' is not in canonical decimal form");
    }

    public static byte[] BigEndian(Fr value)
    {
        var bytes = new byte[32];
        value.WriteBigEndian(bytes);
        return bytes;
    }
}
