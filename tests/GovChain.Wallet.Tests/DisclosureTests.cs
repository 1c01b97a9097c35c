using System.Buffers.Text;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.Wallet.Tests;

public sealed class DisclosureTests
{
    private const long Expiry = TestKeys.Now + 300;

    [Fact]
    public void TokenRoundTripsAndVerifies()
    {
        var disclosure = Present("bank-1");
        var token = disclosure.ToToken();
        Assert.StartsWith("gcd1.", token, StringComparison.Ordinal);
        var parsed = LicenceDisclosure.FromToken(token);
        Assert.Equal(disclosure.CanonicalBytes(), parsed.CanonicalBytes());
        Assert.Equal(new DisclosureVerdict(true, "valid", "lic-1"), parsed.Verify(TestKeys.Now, "bank-1"));
        Assert.Equal("福州示例贸易有限公司", parsed.Document.HolderName);
    }

    [Fact]
    public void ExpiryAndLicenceWindowAreEnforced()
    {
        var disclosure = Present(null);
        Assert.True(disclosure.Verify(Expiry - 1, null).Valid);
        Assert.Contains("disclosure expired", disclosure.Verify(Expiry, null).Reason, StringComparison.Ordinal);

        var future = TestKeys.IssueLicence(TestKeys.Licence(validFrom: TestKeys.Now + 10, validUntil: TestKeys.Now + 20));
        var early = LicenceDisclosure.Create(TestKeys.Holder, future.Envelope, future.Envelope.Open(TestKeys.Holder, future.Blob), null, Expiry);
        Assert.Contains("not valid before", early.Verify(TestKeys.Now, null).Reason, StringComparison.Ordinal);
        Assert.Contains("licence expired", early.Verify(TestKeys.Now + 20, null).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceIsEnforced()
    {
        var addressed = Present("bank-1");
        Assert.False(addressed.Verify(TestKeys.Now, "bank-2").Valid);
        Assert.False(addressed.Verify(TestKeys.Now, null).Valid);
        Assert.True(Present(null).Verify(TestKeys.Now, "bank-2").Valid);
    }

    [Fact]
    public void EveryTamperedByteIsCaught()
    {
        var bytes = Present("bank-1").CanonicalBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x04;
            try
            {
                Assert.False(LicenceDisclosure.FromToken(Token(tampered)).Verify(TestKeys.Now, "bank-1").Valid);
            }
            catch (WalletFormatException)
            {
                // A flipped length or tag is malformed rather than wrong; either way it is refused.
            }
        }
    }

    [Fact]
    public void TruncatedAndForeignTokensAreMalformed()
    {
        var token = Present("bank-1").ToToken();
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.FromToken(token[..^4]));
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.FromToken(token[..20]));
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.FromToken("gcd2." + token[5..]));
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.FromToken("gcd1.!!!"));
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.FromToken(""));
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.FromToken("gcd1." + new string('A', 20_000)));
    }

    [Fact]
    public void OnlyTheHolderCanPresent()
    {
        var (envelope, blob) = TestKeys.IssueLicence();
        var document = envelope.Open(TestKeys.Holder, blob);
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.Create(TestKeys.Stranger, envelope, document, null, Expiry));
        Assert.Throws<WalletFormatException>(() => LicenceDisclosure.Create(TestKeys.Holder, envelope, TestKeys.Licence("lic-2"), null, Expiry));
    }

    [Fact]
    public void QrCodesRenderTheToken()
    {
        var token = Present("bank-1").ToToken();
        var png = DisclosureQr.Png(token);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var text = DisclosureQr.Text(token);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 20);
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.Throws<WalletFormatException>(() => DisclosureQr.Png(new string('x', 8000)));
    }

    private static LicenceDisclosure Present(string? audience)
    {
        var (envelope, blob) = TestKeys.IssueLicence();
        return LicenceDisclosure.Create(TestKeys.Holder, envelope, envelope.Open(TestKeys.Holder, blob), audience, Expiry);
    }

    private static string Token(byte[] bytes) => LicenceDisclosure.TokenPrefix + Base64Url.EncodeToString(bytes);
}
