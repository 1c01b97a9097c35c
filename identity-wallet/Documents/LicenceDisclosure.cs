using System.Buffers.Text;
using System.Security.Cryptography;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>
/// A short-lived presentation of an e-licence: the envelope, the opened document, an optional audience, an expiry
/// and a random nonce, signed by the holder's key (tag "GovChain.disclosure.v1"). Travels as the text token
/// "gcd1." ‖ base64url(canonical bytes), or as a QR code of that token.
/// </summary>
public sealed class LicenceDisclosure
{
    public const string TokenPrefix = "gcd1.";
    public const int NonceSize = 16;
    public const int MaxTokenChars = 16 * 1024;

    private const int MaxPartBytes = 12 * 1024;
    private static readonly byte[] Tag = "GovChain.disclosure.v1"u8.ToArray();

    private readonly byte[] nonce;
    private readonly byte[] holderSignature;

    private LicenceDisclosure(LicenceEnvelope envelope, LicenceDocument document, string? audience, long expiresAt, byte[] nonce, byte[] holderSignature)
    {
        Envelope = envelope;
        Document = document;
        Audience = audience is null ? null : WalletIds.Check(audience, "audience");
        ExpiresAt = expiresAt;
        this.nonce = nonce;
        this.holderSignature = holderSignature;
    }

    public LicenceEnvelope Envelope { get; }

    public LicenceDocument Document { get; }

    /// <summary>The verifier this disclosure is meant for; null means anyone.</summary>
    public string? Audience { get; }

    /// <summary>Unix seconds; the disclosure is void from this instant.</summary>
    public long ExpiresAt { get; }

    public byte[] Nonce => (byte[])nonce.Clone();

    public byte[] HolderSignature => (byte[])holderSignature.Clone();

    /// <summary>SM3 of the token bytes: what a verifier records as the statement it checked.</summary>
    public Hash32 Hash => Hash32.Compute(CanonicalBytes());

    public static LicenceDisclosure Create(Sm2PrivateKey holderKey, LicenceEnvelope envelope, LicenceDocument document, string? audience, long expiresAt)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(document);
        if (!holderKey.PublicKey.ToUncompressed().AsSpan().SequenceEqual(envelope.HolderPublicKey))
        {
            throw new WalletFormatException($"licence {envelope.Id}: this key is not the licence holder's key");
        }

        if (!envelope.Matches(document, out var mismatch))
        {
            throw new WalletFormatException($"licence {envelope.Id}: {mismatch}");
        }

        var unsigned = new LicenceDisclosure(envelope, document, audience, expiresAt, RandomNumberGenerator.GetBytes(NonceSize), new byte[Sm2Signature.RawSizeInBytes]);
        var signature = holderKey.SignData(unsigned.SigningBytes()).ToRaw();
        return new LicenceDisclosure(envelope, document, unsigned.Audience, expiresAt, unsigned.nonce, signature);
    }

    /// <summary>"GovChain.disclosure.v1" ‖ envelope ‖ document ‖ audience ‖ expiresAt ‖ nonce.</summary>
    public byte[] SigningBytes()
    {
        var writer = new CanonicalWriter();
        writer.WriteFixed(Tag);
        WriteBody(writer);
        return writer.ToArray();
    }

    public byte[] CanonicalBytes()
    {
        var writer = new CanonicalWriter();
        WriteBody(writer);
        writer.WriteBytes(holderSignature);
        return writer.ToArray();
    }

    public string ToToken() => TokenPrefix + Base64Url.EncodeToString(CanonicalBytes());

    /// <summary>Parses a token; anything malformed or truncated is a <see cref="WalletFormatException"/>.</summary>
    public static LicenceDisclosure FromToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        token = token.Trim();
        if (token.Length > MaxTokenChars || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            throw new WalletFormatException($"not a licence disclosure token (expected the prefix '{TokenPrefix}' and at most {MaxTokenChars} characters)");
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token.AsSpan(TokenPrefix.Length));
        }
        catch (FormatException e)
        {
            throw new WalletFormatException("licence disclosure token: not valid base64url", e);
        }

        return CanonicalDecoding.Decode(bytes, "licence disclosure token", Read);
    }

    /// <summary>
    /// Checks everything the token itself can prove: the holder's signature under the envelope's holder key, the
    /// issuer's signature, the document against the envelope, the expiry, the licence's validity window and the
    /// audience. Whether the licence is revoked is on the ledger: the caller checks that with <see cref="DisclosureVerdict.LicenceId"/>.
    /// A disclosure addressed to an audience is valid only for a verifier who names that audience.
    /// </summary>
    public DisclosureVerdict Verify(long now, string? expectedAudience)
    {
        var reason = Check(now, expectedAudience);
        return new DisclosureVerdict(reason is null, reason ?? "valid", Envelope.Id);
    }

    private string? Check(long now, string? expectedAudience)
    {
        if (!DocumentKeys.Verify(Envelope.HolderPublicKey, SigningBytes(), holderSignature))
        {
            return "the holder's signature does not verify under the licence's holder key";
        }

        if (!Envelope.VerifySignature())
        {
            return "the issuer's signature on the licence envelope does not verify";
        }

        if (!Envelope.Matches(Document, out var mismatch))
        {
            return mismatch;
        }

        if (now >= ExpiresAt)
        {
            return $"the disclosure expired at {ExpiresAt}";
        }

        if (now < Document.ValidFrom)
        {
            return $"the licence is not valid before {Document.ValidFrom}";
        }

        if (now >= Document.ValidUntil)
        {
            return $"the licence expired at {Document.ValidUntil}";
        }

        return Audience switch
        {
            null => null,
            _ when expectedAudience is null => $"the disclosure is addressed to {Audience}; the verifier named no audience",
            _ when Audience != expectedAudience => $"the disclosure is addressed to {Audience}, not {expectedAudience}",
            _ => null,
        };
    }

    private void WriteBody(CanonicalWriter writer)
    {
        writer.WriteBytes(Envelope.CanonicalBytes());
        writer.WriteBytes(Document.CanonicalBytes());
        writer.WriteBool(Audience is not null);
        writer.WriteString(Audience ?? "");
        writer.WriteInt64(ExpiresAt);
        writer.WriteFixed(nonce);
    }

    private static LicenceDisclosure Read(ref CanonicalReader reader)
    {
        var envelope = LicenceEnvelope.FromCanonicalBytes(reader.ReadBytes(MaxPartBytes));
        var document = LicenceDocument.FromCanonicalBytes(reader.ReadBytes(MaxPartBytes));
        var hasAudience = reader.ReadBool();
        var audience = reader.ReadString(LicenceDocument.MaxTextBytes);
        if (!hasAudience && audience.Length != 0)
        {
            throw new WalletFormatException("licence disclosure token: an audience is present but flagged absent");
        }

        var expiresAt = reader.ReadInt64();
        var nonce = reader.ReadFixed(NonceSize).ToArray();
        var signature = DocumentKeys.CheckSignature(reader.ReadBytes(Sm2Signature.RawSizeInBytes), "holder signature");
        return new LicenceDisclosure(envelope, document, hasAudience ? audience : null, expiresAt, nonce, signature);
    }
}
