using System.Security.Cryptography;
using System.Text;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>An issuing agency seals an e-licence for its holder (ARCHITECTURE §3, e-licence flow step 1).</summary>
public static class LicenceIssuer
{
    /// <summary>
    /// Seals the document under a fresh SM4 key and nonce, wraps the key to the holder's SM2 key and signs the
    /// envelope. The blob goes to the blob store under <see cref="LicenceEnvelope.CiphertextHash"/>.
    /// </summary>
    public static (LicenceEnvelope Envelope, byte[] Blob) Issue(Sm2PrivateKey issuerKey, string issuerId, string holderId,
        Sm2PublicKey holderPublicKey, LicenceDocument document, long issuedAt)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        ArgumentNullException.ThrowIfNull(holderPublicKey);
        ArgumentNullException.ThrowIfNull(document);
        if (document.Issuer != issuerId || document.HolderId != holderId)
        {
            throw new WalletFormatException($"licence {document.LicenceId}: the document names issuer {document.Issuer} and holder {document.HolderId}, not {issuerId} and {holderId}");
        }

        var plaintext = document.CanonicalBytes();
        var key = RandomNumberGenerator.GetBytes(Sm4.KeySizeInBytes);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(Sm4Gcm.NonceSizeInBytes);
            byte[] blob = [.. nonce, .. Sm4Gcm.Encrypt(key, nonce, plaintext, Encoding.UTF8.GetBytes(document.LicenceId))];
            var wrapped = holderPublicKey.Encrypt(key).Encode(Sm2CipherMode.C1C3C2);
            var issuerPublicKey = issuerKey.PublicKey.ToUncompressed();
            var holderKey = holderPublicKey.ToUncompressed();
            var ciphertextHash = Hash32.Compute(blob);
            var documentHash = Hash32.Compute(plaintext);
            var signed = LicenceEnvelope.SigningBytes(document.LicenceId, document.Type, issuerId, issuerPublicKey, holderId, holderKey,
                ciphertextHash, documentHash, wrapped, issuedAt);
            var envelope = new LicenceEnvelope(document.LicenceId, document.Type, issuerId, issuerPublicKey, holderId, holderKey,
                ciphertextHash, documentHash, wrapped, issuedAt, issuerKey.SignData(signed).ToRaw());
            return (envelope, blob);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
