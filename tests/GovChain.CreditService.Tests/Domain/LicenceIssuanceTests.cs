using System.Buffers.Text;
using GovChain.CreditService.Domain;
using GovChain.Ledger.Application;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class LicenceIssuanceTests : IDisposable
{
    private readonly FeatureWorld world = new();

    public void Dispose() => world.Dispose();

    private LicenceApplication Application(string? holder = null) => new(holder ?? world.Subject, "business-licence", "91110000MA01ABCD2X",
        "Zhang San Trading", new Dictionary<string, string> { ["scope"] = "retail", ["address"] = "Chaoyang, Beijing" }, 365);

    private async Task<(IssuedLicence Issued, LicenceDocument Document, LicenceEnvelope Envelope)> IssueAndOpen()
    {
        var issued = await world.Licences.IssueAsync(world.Agency, Application(), default);
        var fetched = await world.Licences.FetchAsync(world.Holder, issued.LicenceId, default);
        var envelope = LicenceEnvelope.FromJson(fetched.EnvelopeJson);
        return (issued, envelope.Open(world.SubjectKey, fetched.Blob), envelope);
    }

    private string Present(LicenceEnvelope envelope, LicenceDocument document, string? audience = FeatureWorld.BureauId) =>
        LicenceDisclosure.Create(world.SubjectKey, envelope, document, audience, world.Now + 300).ToToken();

    [Fact]
    public async Task IssueFetchOpenPresentVerify()
    {
        var (issued, document, envelope) = await IssueAndOpen();
        Assert.Equal("Zhang San Trading", document.HolderName);
        Assert.Equal("retail", document.Fields["scope"]);
        Assert.Equal(world.Subject, document.HolderId);
        var record = await world.Ledger.CredentialAsync(issued.LicenceId);
        Assert.Equal(CredentialKind.Licence, record!.Kind);
        Assert.Equal(envelope.CiphertextHash, record.ContentHash);

        var (outcome, seen) = await world.Licences.VerifyAsync(world.Bureau, Present(envelope, document), "lv-1", default);
        Assert.True(outcome.Valid, outcome.Reason);
        Assert.Equal("active", outcome.Status);
        Assert.Equal(issued.LicenceId, seen!.Id);
        Assert.True((await world.Ledger.VerificationAsync("lv-1"))!.ProofValid);
    }

    [Fact]
    public async Task ATamperedTokenIsInvalidOrMalformed()
    {
        var (_, document, envelope) = await IssueAndOpen();
        var token = Present(envelope, document);
        var bytes = Base64Url.DecodeFromChars(token.AsSpan(LicenceDisclosure.TokenPrefix.Length));
        var at = bytes.AsSpan().IndexOf("Zhang San"u8);
        bytes[at] = (byte)'C';
        var tampered = LicenceDisclosure.TokenPrefix + Base64Url.EncodeToString(bytes);
        var (outcome, _) = await world.Licences.VerifyAsync(world.Bureau, tampered, null, default);
        Assert.False(outcome.Valid);

        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => world.Licences.VerifyAsync(world.Bureau, token[..(token.Length / 2)], null, default));
        Assert.Equal("token", ex.Field);
    }

    [Fact]
    public async Task ADisclosureForAnotherAudienceIsInvalid()
    {
        var (_, document, envelope) = await IssueAndOpen();
        var (outcome, _) = await world.Licences.VerifyAsync(world.Agency, Present(envelope, document), null, default);
        Assert.False(outcome.Valid);
        Assert.Contains("addressed to", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedLicenceIsInvalidWithStatusRevoked()
    {
        var (issued, document, envelope) = await IssueAndOpen();
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Licences.RevokeAsync(world.Holder, issued.LicenceId, default));
        await world.Licences.RevokeAsync(world.Agency, issued.LicenceId, default);
        var (outcome, record) = await world.Licences.VerifyAsync(world.Bureau, Present(envelope, document), null, default);
        Assert.False(outcome.Valid);
        Assert.Equal("revoked", outcome.Status);
        Assert.NotNull(record!.RevokedAt);
    }

    [Fact]
    public async Task OnlyTheHolderFetchesAndTheAttemptIsRecorded()
    {
        var issued = await world.Licences.IssueAsync(world.Agency, Application(), default);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Licences.FetchAsync(world.Bureau, issued.LicenceId, default));
        Assert.Equal($"denied: only the holder fetches licence {issued.LicenceId}", ex.Message);
        var trail = (await world.Ledger.TrailAsync(new GovChain.Ledger.Storage.TrailQuery(GovChain.Ledger.Storage.TrailIndex.Subject, world.Subject))).Bundle;
        Assert.Contains(trail.Records, r => LedgerTransaction.Decode(r.Record).Payload is RecordDenial { Operation: "Licences/Fetch" });
    }

    [Fact]
    public async Task OnlyThisNodesAgencyIssues()
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Licences.IssueAsync(world.Bureau, Application(), default));
        Assert.Contains("issues licences", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadApplicationsNameTheField()
    {
        var zeroDays = await Assert.ThrowsAsync<MalformedInputException>(() => world.Licences.IssueAsync(world.Agency, Application() with { ValidDays = 0 }, default));
        Assert.Equal("valid_days", zeroDays.Field);
        var noNumber = await Assert.ThrowsAsync<MalformedInputException>(() => world.Licences.IssueAsync(world.Agency, Application() with { Number = "" }, default));
        Assert.Equal("licence", noNumber.Field);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Licences.IssueAsync(world.Agency, Application("nobody"), default));
    }

    [Fact]
    public async Task AnUnknownLicenceIsNotFound() =>
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Licences.FetchAsync(world.Holder, "lic-none", default));
}
