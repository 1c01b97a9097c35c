using System.Text;
using GovChain.Crypto;
using GovChain.Ledger.Codec;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.Wallet.Tests;

public sealed class LicenceTests
{
    [Fact]
    public void HolderOpensTheIssuedLicence()
    {
        var document = TestKeys.Licence();
        var (envelope, blob) = TestKeys.IssueLicence(document);
        Assert.True(envelope.VerifySignature());
        Assert.Equal(Hash32.Compute(blob), envelope.CiphertextHash);
        Assert.Equal(Hash32.Compute(document.CanonicalBytes()), envelope.DocumentHash);
        var opened = envelope.Open(TestKeys.Holder, blob);
        Assert.Equal(document.CanonicalBytes(), opened.CanonicalBytes());
        Assert.Equal("批发和零售", opened.Fields["scope"]);
    }

    [Fact]
    public void BlobIsSm4GcmUnderTheWrappedKey()
    {
        // Independent of Open: unwrap with the SM2 primitive and decrypt with the SM4-GCM primitive by hand.
        var document = TestKeys.Licence();
        var (envelope, blob) = TestKeys.IssueLicence(document);
        var key = TestKeys.Holder.Decrypt(Sm2Ciphertext.Decode(envelope.WrappedKey, Sm2CipherMode.C1C3C2));
        Assert.Equal(16, key.Length);
        var plaintext = Sm4Gcm.Decrypt(key, blob[..12], blob[12..], Encoding.UTF8.GetBytes(document.LicenceId));
        Assert.Equal(document.CanonicalBytes(), plaintext);
    }

    [Fact]
    public void TamperedBlobIsRefused()
    {
        var (envelope, blob) = TestKeys.IssueLicence();
        for (var i = 0; i < blob.Length; i += 37)
        {
            var tampered = (byte[])blob.Clone();
            tampered[i] ^= 0x80;
            Assert.Contains("ciphertext hash", Assert.Throws<LicenceOpenException>(() => envelope.Open(TestKeys.Holder, tampered)).Message, StringComparison.Ordinal);
        }

        Assert.Throws<LicenceOpenException>(() => envelope.Open(TestKeys.Holder, blob[..^1]));
        Assert.Throws<LicenceOpenException>(() => envelope.Open(TestKeys.Holder, []));
    }

    [Fact]
    public void WrongHolderKeyIsRefused()
    {
        var (envelope, blob) = TestKeys.IssueLicence();
        Assert.Contains("another holder key", Assert.Throws<LicenceOpenException>(() => envelope.Open(TestKeys.Stranger, blob)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedEnvelopeIsRefused()
    {
        var (e, blob) = TestKeys.IssueLicence();
        var (other, otherBlob) = TestKeys.IssueLicence(TestKeys.Licence("lic-2"));
        LicenceEnvelope[] tampered =
        [
            new(e.Id, "permit", e.Issuer, e.IssuerPublicKey, e.Holder, e.HolderPublicKey, e.CiphertextHash, e.DocumentHash, e.WrappedKey, e.IssuedAt, e.Signature),
            new(e.Id, e.Type, e.Issuer, TestKeys.Stranger.PublicKey.ToUncompressed(), e.Holder, e.HolderPublicKey, e.CiphertextHash, e.DocumentHash, e.WrappedKey, e.IssuedAt, e.Signature),
            new(e.Id, e.Type, e.Issuer, e.IssuerPublicKey, e.Holder, e.HolderPublicKey, other.CiphertextHash, e.DocumentHash, e.WrappedKey, e.IssuedAt, e.Signature),
            new(e.Id, e.Type, e.Issuer, e.IssuerPublicKey, e.Holder, e.HolderPublicKey, e.CiphertextHash, other.DocumentHash, e.WrappedKey, e.IssuedAt, e.Signature),
            new(e.Id, e.Type, e.Issuer, e.IssuerPublicKey, e.Holder, e.HolderPublicKey, e.CiphertextHash, e.DocumentHash, other.WrappedKey, e.IssuedAt, e.Signature),
            new(e.Id, e.Type, e.Issuer, e.IssuerPublicKey, e.Holder, e.HolderPublicKey, e.CiphertextHash, e.DocumentHash, e.WrappedKey, e.IssuedAt - 1, e.Signature),
        ];
        Assert.All(tampered, t =>
        {
            Assert.False(t.VerifySignature());
            Assert.Contains("issuer's signature", Assert.Throws<LicenceOpenException>(() => t.Open(TestKeys.Holder, blob)).Message, StringComparison.Ordinal);
        });

        // A validly signed envelope for another licence does not open this blob.
        Assert.Throws<LicenceOpenException>(() => other.Open(TestKeys.Holder, blob));
        Assert.NotNull(other.Open(TestKeys.Holder, otherBlob));
    }

    [Fact]
    public void IssuerOfAForgedEnvelopeCannotSwapTheDocument()
    {
        // The issuer's key signs a correct-looking envelope whose document hash belongs to another document: Open catches it.
        var document = TestKeys.Licence();
        var (envelope, blob) = TestKeys.IssueLicence(document);
        var liar = new LicenceEnvelope(envelope.Id, envelope.Type, envelope.Issuer, envelope.IssuerPublicKey, envelope.Holder, envelope.HolderPublicKey,
            envelope.CiphertextHash, TestKeys.Licence("lic-9").Hash, envelope.WrappedKey, envelope.IssuedAt, new byte[64]);
        var resigned = new LicenceEnvelope(liar.Id, liar.Type, liar.Issuer, liar.IssuerPublicKey, liar.Holder, liar.HolderPublicKey,
            liar.CiphertextHash, liar.DocumentHash, liar.WrappedKey, liar.IssuedAt, TestKeys.Issuer.SignData(liar.SigningBytes()).ToRaw());
        Assert.Contains("document hash", Assert.Throws<LicenceOpenException>(() => resigned.Open(TestKeys.Holder, blob)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueChecksTheDocumentParties()
    {
        Assert.Throws<WalletFormatException>(() => LicenceIssuer.Issue(TestKeys.Issuer, "agency-other", "enterprise-1", TestKeys.Holder.PublicKey, TestKeys.Licence(), 0));
        Assert.Throws<WalletFormatException>(() => LicenceIssuer.Issue(TestKeys.Issuer, "agency-market", "enterprise-2", TestKeys.Holder.PublicKey, TestKeys.Licence(), 0));
        Assert.Throws<WalletFormatException>(() => TestKeys.Licence(validFrom: 10, validUntil: 10));
        Assert.Throws<WalletFormatException>(() => new LicenceDocument("lic-1", "permit", "n", "bad \ud800 name", "h", "i", new Dictionary<string, string>(), 0, 1));
        Assert.Throws<WalletFormatException>(() => new LicenceDocument("lic-1", "permit", "n", "line\nbreak", "h", "i", new Dictionary<string, string>(), 0, 1));
    }

    [Fact]
    public void FormsRoundTripAndRejectMalformedInput()
    {
        var document = TestKeys.Licence();
        var (envelope, _) = TestKeys.IssueLicence(document);
        Assert.Equal(document.CanonicalBytes(), LicenceDocument.FromJson(document.ToJson()).CanonicalBytes());
        Assert.Equal(document.CanonicalBytes(), LicenceDocument.FromCanonicalBytes(document.CanonicalBytes()).CanonicalBytes());
        Assert.Equal(envelope.CanonicalBytes(), LicenceEnvelope.FromJson(envelope.ToJson()).CanonicalBytes());
        Assert.Equal(envelope.CanonicalBytes(), LicenceEnvelope.FromCanonicalBytes(envelope.CanonicalBytes()).CanonicalBytes());

        var bytes = document.CanonicalBytes();
        Assert.Throws<WalletFormatException>(() => LicenceDocument.FromCanonicalBytes(bytes[..^1]));
        Assert.Throws<WalletFormatException>(() => LicenceDocument.FromCanonicalBytes([.. bytes, 0]));
        Assert.Throws<WalletFormatException>(() => LicenceEnvelope.FromCanonicalBytes(envelope.CanonicalBytes()[..^3]));
        Assert.Throws<WalletFormatException>(() => LicenceEnvelope.FromJson(envelope.ToJson().Replace("\"wrappedKey\"", "\"wrapped\"", StringComparison.Ordinal)));
        Assert.Throws<WalletFormatException>(() => LicenceDocument.FromJson(document.ToJson().Replace("\"scope\": \"", "\"scope\": 1, \"x\": \"", StringComparison.Ordinal)));
    }
}
