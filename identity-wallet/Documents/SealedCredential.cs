using System.Text;
using GovChain.Crypto;

namespace GovChain.Wallet.Documents;

/// <summary>
/// A credential in transit from issuer to holder: its JSON (which includes the opening) encrypted to the holder's
/// SM2 key, C1C3C2. Only the holder can read the attributes and salt.
/// </summary>
public static class SealedCredential
{
    public static byte[] Seal(Credential credential, Sm2PublicKey holderKey)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(holderKey);
        return holderKey.Encrypt(Encoding.UTF8.GetBytes(credential.ToJson())).Encode(Sm2CipherMode.C1C3C2);
    }

    /// <summary>Decrypts and parses; a ciphertext for another key or an altered one is a <see cref="WalletFormatException"/>.</summary>
    public static Credential Open(ReadOnlySpan<byte> sealedCredential, Sm2PrivateKey holderKey)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        byte[] json;
        try
        {
            json = holderKey.Decrypt(Sm2Ciphertext.Decode(sealedCredential, Sm2CipherMode.C1C3C2));
        }
        catch (CryptoInputException e)
        {
            throw new WalletFormatException($"the sealed credential does not open with this wallet's key ({e.Message})", e);
        }

        try
        {
            return Credential.FromJson(new UTF8Encoding(false, true).GetString(json));
        }
        catch (DecoderFallbackException e)
        {
            throw new WalletFormatException("the sealed credential is not UTF-8 JSON", e);
        }
    }
}
