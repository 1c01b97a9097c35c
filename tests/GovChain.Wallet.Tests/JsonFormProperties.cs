using FsCheck.Xunit;
using GovChain.Wallet.Documents;

namespace GovChain.Wallet.Tests;

/// <summary>Round trips of the JSON and canonical forms, and strict parsing under random damage.</summary>
public sealed class JsonFormProperties
{
    private static readonly Credential SampleCredential = TestKeys.CreditProfile();
    private static readonly string SampleToken = Sample();

    [Property(MaxTest = 100)]
    public bool CredentialJsonRoundTrips(ulong score, ulong income, ulong years, ulong loans, long issuedAt)
    {
        var credential = Credential.Issue(TestKeys.Issuer, "agency-tax", "cred-p", CredentialSchema.CreditProfile, "citizen-p", [score, income, years, loans], issuedAt);
        var back = Credential.FromJson(credential.ToJson());
        return back.ToJson() == credential.ToJson() && back.VerifyOpening() && back.Statement.VerifySignature()
            && back.Statement.ContentHash == credential.Statement.ContentHash;
    }

    [Property(MaxTest = 200)]
    public bool LicenceDocumentFormsRoundTrip(string number, string holderName, string key, string value, long validFrom, uint span)
    {
        var fields = new Dictionary<string, string> { [Id(key)] = Text(value), ["z-fixed"] = "固定" };
        var document = new LicenceDocument("lic-p", "permit", Id(number), Text(holderName), "holder-p", "agency-p", fields,
            validFrom, validFrom < long.MaxValue - span - 1 ? validFrom + span + 1 : long.MaxValue);
        var bytes = document.CanonicalBytes();
        return LicenceDocument.FromJson(document.ToJson()).CanonicalBytes().AsSpan().SequenceEqual(bytes)
            && LicenceDocument.FromCanonicalBytes(bytes).ToJson() == document.ToJson();
    }

    [Property(MaxTest = 300)]
    public bool DamagedCredentialJsonIsRefusedCleanly(int position, char replacement, bool truncate)
    {
        var json = SampleCredential.ToJson();
        var at = (int)((uint)position % json.Length);
        var damaged = truncate ? json[..at] : json[..at] + replacement + json[(at + 1)..];
        try
        {
            var parsed = Credential.FromJson(damaged);
            // A harmless change (white space, or a digit inside a signed field) may still parse; signatures judge the rest.
            return damaged == json || !parsed.Statement.VerifySignature() || !parsed.VerifyOpening() || parsed.ToJson() == json;
        }
        catch (WalletFormatException)
        {
            return true;
        }
    }

    [Property(MaxTest = 300)]
    public bool DamagedTokensAreRefusedCleanly(int position, char replacement, bool truncate)
    {
        var at = 5 + (int)((uint)position % (SampleToken.Length - 5));
        var damaged = truncate ? SampleToken[..at] : SampleToken[..at] + replacement + SampleToken[(at + 1)..];
        try
        {
            var verdict = LicenceDisclosure.FromToken(damaged).Verify(TestKeys.Now, "bank-1");
            return damaged == SampleToken || !verdict.Valid || LicenceDisclosure.FromToken(damaged).ToToken() == SampleToken;
        }
        catch (WalletFormatException)
        {
            return true;
        }
    }

    private static string Id(string? s)
    {
        var clean = new string((s ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(100).ToArray());
        return clean.Length == 0 ? "x" : clean;
    }

    private static string Text(string? s) => new((s ?? "").Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(200).ToArray());

    private static string Sample()
    {
        var (envelope, blob) = TestKeys.IssueLicence();
        return LicenceDisclosure.Create(TestKeys.Holder, envelope, envelope.Open(TestKeys.Holder, blob), "bank-1", TestKeys.Now + 300).ToToken();
    }
}
