using System.Security.Cryptography;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Store;

/// <summary>
/// The SM4 key that seals the wallet's private files: HMAC-SM3 keyed with the owner's SM2 scalar over a fixed label
/// and the participant id, cut to 16 bytes. Only an unlocked wallet has the scalar, so one password unlock (one
/// PBKDF2 run) opens everything, and the keystore format stays as it is.
/// </summary>
internal sealed class WalletContentKey : IDisposable
{
    private static readonly byte[] Label = "GovChain.wallet.content-key.v1"u8.ToArray();

    private readonly byte[] key;

    private WalletContentKey(byte[] key)
    {
        this.key = key;
    }

    public ReadOnlySpan<byte> Bytes => key;

    public static WalletContentKey Derive(WalletIdentity owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var info = new CanonicalWriter();
        info.WriteFixed(Label);
        info.WriteString(owner.ParticipantId);
        var scalar = owner.Key.ExportScalar();
        var mac = HmacSm3.HashData(scalar, info.WrittenSpan);
        try
        {
            return new WalletContentKey(mac[..Sm4.KeySizeInBytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(mac);
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(key);
}
