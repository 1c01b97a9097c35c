using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The public, issuer-signed part of an e-licence: who issued it to whom, the SM3 hashes of the sealed blob and of the
/// document, and the SM4 document key wrapped for the holder with SM2 encryption (C1C3C2). The blob is
/// nonce(12) ‖ SM4-GCM(document canonical bytes, aad = UTF-8 licence id) ‖ tag.
/// </summary>
public sealed class LicenceEnvelope
{
    public const int MaxWrappedKeyBytes = 256;

    private static readonly byte[] Tag = "GovChain.licence.v1"u8.ToArray();
    private static readonly string[] JsonNames =
        ["id", "type", "issuer", "issuerPublicKey", "holder", "holderPublicKey", "ciphertextHash", "documentHash", "wrappedKey", "issuedAt", "signature"];

    private readonly byte[] issuerPublicKey;
    private readonly byte[] holderPublicKey;
    private readonly byte[] wrappedKey;
    private readonly byte[] signature;

    public LicenceEnvelope(string id, string type, string issuer, byte[] issuerPublicKey, string holder, byte[] holderPublicKey,
        Hash32 ciphertextHash, Hash32 documentHash, byte[] wrappedKey, long issuedAt, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        Id = WalletIds.Check(id, "licence id");
        Type = WalletIds.Check(type, "licence type");
        Issuer = WalletIds.Check(issuer, "issuer");
        this.issuerPublicKey = DocumentKeys.CheckPublicKey(issuerPublicKey, "issuer public key");
        Holder = WalletIds.Check(holder, "holder");
        this.holderPublicKey = DocumentKeys.CheckPublicKey(holderPublicKey, "holder public key");
        CiphertextHash = ciphertextHash;
        DocumentHash = documentHash;
        if (wrappedKey.Length is 0 or > MaxWrappedKeyBytes)
        {
            throw new WalletFormatException($"wrapped key must be 1 to {MaxWrappedKeyBytes} bytes, got {wrappedKey.Length}");
        }

        this.wrappedKey = (byte[])wrappedKey.Clone();
        IssuedAt = issuedAt;
        this.signature = DocumentKeys.CheckSignature(signature, "licence signature");
    }

    public string Id { get; }

    public string Type { get; }

    public string Issuer { get; }

    public byte[] IssuerPublicKey => (byte[])issuerPublicKey.Clone();

    public string Holder { get; }

    public byte[] HolderPublicKey => (byte[])holderPublicKey.Clone();

    /// <summary>SM3 of the sealed blob: the blob store's address and what the ledger records as ContentHash.</summary>
    public Hash32 CiphertextHash { get; }

    /// <summary>SM3 of the document's canonical bytes.</summary>
    public Hash32 DocumentHash { get; }

    /// <summary>SM2 C1C3C2 encryption of the 16-byte SM4 key to the holder.</summary>
    public byte[] WrappedKey => (byte[])wrappedKey.Clone();

    public long IssuedAt { get; }

    public byte[] Signature => (byte[])signature.Clone();

    /// <summary>"GovChain.licence.v1" ‖ every field but the signature, in declaration order.</summary>
    public byte[] SigningBytes() => SigningBytes(Id, Type, Issuer, issuerPublicKey, Holder, holderPublicKey, CiphertextHash, DocumentHash, wrappedKey, IssuedAt);

    internal static byte[] SigningBytes(string id, string type, string issuer, byte[] issuerKey, string holder, byte[] holderKey,
        Hash32 ciphertextHash, Hash32 documentHash, byte[] wrappedKey, long issuedAt)
    {
        var writer = new CanonicalWriter();
        writer.WriteFixed(Tag);
        writer.WriteString(id);
        writer.WriteString(type);
        writer.WriteString(issuer);
        writer.WriteBytes(issuerKey);
        writer.WriteString(holder);
        writer.WriteBytes(holderKey);
        writer.WriteHash(ciphertextHash);
        writer.WriteHash(documentHash);
        writer.WriteBytes(wrappedKey);
        writer.WriteInt64(issuedAt);
        return writer.ToArray();
    }

    public bool VerifySignature() => DocumentKeys.Verify(issuerPublicKey, SigningBytes(), signature);

    /// <summary>
    /// Opens the licence for its holder: issuer signature, holder key, blob hash, key unwrap, SM4-GCM, document hash
    /// and document/envelope agreement, in that order. Any failure is a <see cref="LicenceOpenException"/>.
    /// </summary>
    public LicenceDocument Open(Sm2PrivateKey holderKey, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        if (!VerifySignature())
        {
            throw new LicenceOpenException($"licence {Id}: the issuer's signature does not verify");
        }

        if (!holderKey.PublicKey.ToUncompressed().AsSpan().SequenceEqual(holderPublicKey))
        {
            throw new LicenceOpenException($"licence {Id} is sealed to another holder key");
        }

        var blobHash = Hash32.Compute(blob);
        if (!CryptographicOperations.FixedTimeEquals(blobHash.ToArray(), CiphertextHash.ToArray()))
        {
            throw new LicenceOpenException($"licence {Id}: the blob does not match the envelope's ciphertext hash");
        }

        var plaintext = Decrypt(holderKey, blob);
        if (!CryptographicOperations.FixedTimeEquals(Hash32.Compute(plaintext).ToArray(), DocumentHash.ToArray()))
        {
            throw new LicenceOpenException($"licence {Id}: the decrypted document does not match the envelope's document hash");
        }

        LicenceDocument document;
        try
        {
            document = LicenceDocument.FromCanonicalBytes(plaintext);
        }
        catch (WalletFormatException e)
        {
            throw new LicenceOpenException($"licence {Id}: the decrypted document is malformed ({e.Message})", e);
        }

        return Matches(document, out var mismatch) ? document : throw new LicenceOpenException($"licence {Id}: {mismatch}");
    }

    /// <summary>True when the document is the one this envelope describes (ids, type, holder, issuer, hash).</summary>
    public bool Matches(LicenceDocument document, out string reason)
    {
        ArgumentNullException.ThrowIfNull(document);
        reason = document switch
        {
            _ when document.LicenceId != Id => "the document's licence id differs from the envelope's",
            _ when document.Type != Type => "the document's type differs from the envelope's",
            _ when document.HolderId != Holder => "the document's holder differs from the envelope's",
            _ when document.Issuer != Issuer => "the document's issuer differs from the envelope's",
            _ when !CryptographicOperations.FixedTimeEquals(document.Hash.ToArray(), DocumentHash.ToArray()) => "the document does not match the envelope's document hash",
            _ => "",
        };
        return reason.Length == 0;
    }

    private byte[] Decrypt(Sm2PrivateKey holderKey, ReadOnlySpan<byte> blob)
    {
        if (blob.Length < Sm4Gcm.NonceSizeInBytes + Sm4Gcm.TagSizeInBytes)
        {
            throw new LicenceOpenException($"licence {Id}: the blob is truncated");
        }

        byte[] key;
        try
        {
            key = holderKey.Decrypt(Sm2Ciphertext.Decode(wrappedKey));
        }
        catch (CryptoInputException e)
        {
            throw new LicenceOpenException($"licence {Id}: the wrapped document key does not open ({e.Message})", e);
        }

        try
        {
            if (key.Length != Sm4.KeySizeInBytes)
            {
                throw new LicenceOpenException($"licence {Id}: the wrapped document key is {key.Length} bytes, not {Sm4.KeySizeInBytes}");
            }

            return Sm4Gcm.Decrypt(key, blob[..Sm4Gcm.NonceSizeInBytes], blob[Sm4Gcm.NonceSizeInBytes..], Encoding.UTF8.GetBytes(Id));
        }
        catch (CryptoInputException e)
        {
            throw new LicenceOpenException($"licence {Id}: the sealed document fails authentication ({e.Message})", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Signing bytes followed by the u32-prefixed signature: the form a disclosure token carries.</summary>
    public byte[] CanonicalBytes()
    {
        var writer = new CanonicalWriter();
        writer.WriteFixed(SigningBytes());
        writer.WriteBytes(signature);
        return writer.ToArray();
    }

    public static LicenceEnvelope FromCanonicalBytes(ReadOnlySpan<byte> bytes) => CanonicalDecoding.Decode(bytes, "licence envelope", Read);

    internal static LicenceEnvelope Read(ref CanonicalReader reader)
    {
        CanonicalDecoding.ExpectTag(ref reader, Tag, "licence envelope");
        const int Text = LicenceDocument.MaxTextBytes;
        return new LicenceEnvelope(reader.ReadString(Text), reader.ReadString(Text), reader.ReadString(Text), reader.ReadBytes(Sm2PublicKey.UncompressedSizeInBytes),
            reader.ReadString(Text), reader.ReadBytes(Sm2PublicKey.UncompressedSizeInBytes), reader.ReadHash(), reader.ReadHash(),
            reader.ReadBytes(MaxWrappedKeyBytes), reader.ReadInt64(), reader.ReadBytes(Sm2Signature.RawSizeInBytes));
    }

    public string ToJson() => JsonFields.Write(ToJsonNode());

    public static LicenceEnvelope FromJson(string json)
    {
        using var doc = JsonFields.Parse(json, "licence envelope");
        return FromJsonElement(doc.RootElement, "licence envelope");
    }

    internal JsonObject ToJsonNode() => new()
    {
        ["id"] = Id,
        ["type"] = Type,
        ["issuer"] = Issuer,
        ["issuerPublicKey"] = Hex.Encode(issuerPublicKey),
        ["holder"] = Holder,
        ["holderPublicKey"] = Hex.Encode(holderPublicKey),
        ["ciphertextHash"] = CiphertextHash.ToString(),
        ["documentHash"] = DocumentHash.ToString(),
        ["wrappedKey"] = Hex.Encode(wrappedKey),
        ["issuedAt"] = IssuedAt,
        ["signature"] = Hex.Encode(signature),
    };

    internal static LicenceEnvelope FromJsonElement(System.Text.Json.JsonElement element, string what)
    {
        var f = new JsonFields(element, what, JsonNames);
        return new LicenceEnvelope(f.String("id"), f.String("type"), f.String("issuer"), f.Hex("issuerPublicKey", Sm2PublicKey.UncompressedSizeInBytes),
            f.String("holder"), f.Hex("holderPublicKey", Sm2PublicKey.UncompressedSizeInBytes), new Hash32(f.Hex("ciphertextHash", Hash32.Size)),
            new Hash32(f.Hex("documentHash", Hash32.Size)), f.Hex("wrappedKey"), f.Int64("issuedAt"), f.Hex("signature", Sm2Signature.RawSizeInBytes));
    }
}
