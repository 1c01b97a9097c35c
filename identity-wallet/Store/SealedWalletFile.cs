using System.Security.Cryptography;
using GovChain.Crypto;
using GovChain.Ledger;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Store;

/// <summary>
/// A private wallet file sealed with SM4-GCM under the <see cref="WalletContentKey"/>. Layout: "GCWF" ‖ version 1 ‖
/// header (canonical strings: kind, owner, name, label) ‖ nonce (12, fresh per write) ‖ ciphertext ‖ tag (16).
/// Everything before the ciphertext is the associated data, so a file renamed, swapped for another, moved to another
/// wallet or altered in any byte fails to open.
/// </summary>
internal static class SealedWalletFile
{
    private const byte Version = 1;
    private const int MaxKindBytes = 32;
    private static ReadOnlySpan<byte> Magic => "GCWF"u8;

    public static byte[] Seal(WalletContentKey key, SealedFileHeader header, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(header);
        var writer = new CanonicalWriter();
        writer.WriteFixed(Magic);
        writer.WriteByte(Version);
        writer.WriteString(header.Kind);
        writer.WriteString(header.Owner);
        writer.WriteString(header.Name);
        writer.WriteString(header.Label);
        var nonce = RandomNumberGenerator.GetBytes(Sm4Gcm.NonceSizeInBytes);
        var associated = writer.ToArray();
        writer.WriteFixed(nonce);
        writer.WriteFixed(Sm4Gcm.Encrypt(key.Bytes, nonce, plaintext, associated));
        return writer.ToArray();
    }

    /// <summary>Reads the clear header without the key (for listing); it is authenticated only by <see cref="Open"/>.</summary>
    public static SealedFileHeader ReadHeader(ReadOnlySpan<byte> file, string what) => Parse(file, what).Header;

    /// <summary>
    /// Checks that the header names the expected kind, owner and name, then decrypts. Any mismatch or a failed tag is a
    /// <see cref="WalletIntegrityException"/>.
    /// </summary>
    public static (SealedFileHeader Header, byte[] Plaintext) Open(WalletContentKey key, ReadOnlySpan<byte> file, SealedFileHeader expected, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(expected);
        var (header, associatedLength) = Parse(file, what);
        if (header.Kind != expected.Kind || header.Owner != expected.Owner || header.Name != expected.Name)
        {
            throw new WalletIntegrityException(
                $"{what}: the file is sealed as {header.Kind} '{header.Name}' of {header.Owner}, not {expected.Kind} '{expected.Name}' of {expected.Owner} (moved or swapped?)");
        }

        try
        {
            var plaintext = Sm4Gcm.Decrypt(key.Bytes, file.Slice(associatedLength, Sm4Gcm.NonceSizeInBytes),
                file[(associatedLength + Sm4Gcm.NonceSizeInBytes)..], file[..associatedLength]);
            return (header, plaintext);
        }
        catch (CryptoInputException e)
        {
            throw new WalletIntegrityException($"{what}: the file fails authentication (altered, or sealed by another wallet)", e);
        }
    }

    private static (SealedFileHeader Header, int AssociatedLength) Parse(ReadOnlySpan<byte> file, string what)
    {
        if (file.Length < Magic.Length + 1 || !file[..Magic.Length].SequenceEqual(Magic))
        {
            throw new WalletIntegrityException($"{what}: not a sealed wallet file (bad magic or truncated)");
        }

        if (file[Magic.Length] != Version)
        {
            throw new WalletIntegrityException($"{what}: unsupported sealed file version {file[Magic.Length]}");
        }

        try
        {
            var reader = new CanonicalReader(file[(Magic.Length + 1)..]);
            var header = new SealedFileHeader(reader.ReadString(MaxKindBytes), reader.ReadString(TransactionPayload.MaxIdBytes),
                reader.ReadString(TransactionPayload.MaxIdBytes), reader.ReadString(TransactionPayload.MaxIdBytes));
            if (reader.Remaining < Sm4Gcm.NonceSizeInBytes + Sm4Gcm.TagSizeInBytes)
            {
                throw new WalletIntegrityException($"{what}: the sealed file is truncated");
            }

            return (header, file.Length - reader.Remaining);
        }
        catch (LedgerFormatException e)
        {
            throw new WalletIntegrityException($"{what}: the sealed file header is malformed ({e.Message})", e);
        }
    }
}
