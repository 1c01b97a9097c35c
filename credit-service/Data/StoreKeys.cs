using System.Text;
using GovChain.Crypto;

namespace GovChain.CreditService.Data;

/// <summary>
/// The keys a store derives from its 16-byte key with HMAC-SM3, one per purpose: SM4-GCM for records and the
/// index, and a MAC key for file names. Keyed names mean that someone who can list the folder cannot test whether
/// a known ID is in it, as an unkeyed SM3 of the ID would allow.
/// </summary>
internal sealed class StoreKeys
{
    public StoreKeys(ReadOnlySpan<byte> storeKey)
    {
        if (storeKey.Length != StoreKeyFile.KeySize)
        {
            throw new DataInputException($"a store key is {StoreKeyFile.KeySize} bytes, not {storeKey.Length}");
        }

        Encryption = HmacSm3.HashData(storeKey, "govchain/subject-store/encryption"u8)[..16];
        Names = HmacSm3.HashData(storeKey, "govchain/subject-store/file-names"u8);
    }

    public byte[] Encryption { get; }

    private byte[] Names { get; }

    /// <summary>subject ‖ 0x00 ‖ category: the AAD of a record and the input of its file name (neither part contains NUL).</summary>
    public static byte[] Binding(string subject, string category) =>
        [.. Encoding.UTF8.GetBytes(subject), 0, .. Encoding.UTF8.GetBytes(category)];

    public string FileName(string subject, string category) =>
        Convert.ToHexStringLower(HmacSm3.HashData(Names, Binding(subject, category))) + ".rec";
}
