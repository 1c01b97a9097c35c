using GovChain.Crypto;

namespace GovChain.Wallet.Documents;

/// <summary>Parses the key and signature bytes that documents carry, turning crypto errors into format errors.</summary>
internal static class DocumentKeys
{
    public static byte[] CheckPublicKey(byte[]? key, string what)
    {
        ArgumentNullException.ThrowIfNull(key, what);
        try
        {
            Sm2PublicKey.FromUncompressed(key);
        }
        catch (CryptoInputException e)
        {
            throw new WalletFormatException($"{what} is not a valid SM2 public key ({e.Message})", e);
        }

        return (byte[])key.Clone();
    }

    public static Sm2PublicKey PublicKey(byte[] key) => Sm2PublicKey.FromUncompressed(key);

    public static byte[] CheckSignature(byte[]? signature, string what)
    {
        ArgumentNullException.ThrowIfNull(signature, what);
        return signature.Length == Sm2Signature.RawSizeInBytes
            ? (byte[])signature.Clone()
            : throw new WalletFormatException($"{what} must be {Sm2Signature.RawSizeInBytes} bytes (raw r‖s), got {signature.Length}");
    }

    /// <summary>True when the raw signature verifies; a signature with r or s out of range simply does not.</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] rawSignature)
    {
        try
        {
            return PublicKey(publicKey).VerifyData(message, Sm2Signature.FromRaw(rawSignature));
        }
        catch (CryptoInputException)
        {
            return false;
        }
    }
}
