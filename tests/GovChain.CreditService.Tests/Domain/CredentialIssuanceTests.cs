using System.Globalization;
using System.Text;
using GovChain.Crypto;
using GovChain.CreditService.Domain;
using GovChain.Ledger.Application;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class CredentialIssuanceTests : IDisposable
{
    private readonly FeatureWorld world = new();

    public void Dispose() => world.Dispose();

    private Credential Open(IssuedCredential issued) =>
        Credential.FromJson(Encoding.UTF8.GetString(world.SubjectKey.Decrypt(Sm2Ciphertext.Decode(issued.SealedCredential))));

    [Fact]
    public async Task ACreditProfileFollowsThePublicRuleAndIsSealedToTheHolder()
    {
        var issued = await world.Credentials.IssueAsync(world.Holder, world.Subject, CredentialSchema.CreditProfile, default);
        var credential = Open(issued);

        // By hand from the fixture: income 9,000·12/1000 = 108k, history 96/12 = 8 years, no arrears or judgments,
        // one late payment: 600 + 5·8 + min(108/10, 50) − 10·1 = 640.
        Assert.Equal([640UL, 108UL, 8UL, 0UL], credential.Attributes);
        Assert.True(credential.VerifyOpening());
        Assert.True(credential.Statement.VerifySignature());
        Assert.Equal(FeatureWorld.AgencyId, credential.Statement.Issuer);
        Assert.Equal(world.Subject, credential.Statement.Holder);
        Assert.Equal(credential.Statement.ToJson(), issued.StatementJson);

        var record = await world.Credentials.StatusAsync(issued.CredentialId, default);
        Assert.Equal(credential.Statement.ContentHash, record.ContentHash);
        Assert.Equal(CredentialKind.Credential, record.Kind);
        Assert.Null(record.RevokedAt);
    }

    [Fact]
    public async Task TheSealedCredentialOpensOnlyWithTheHoldersKey()
    {
        var issued = await world.Credentials.IssueAsync(world.Agency, world.Subject, CredentialSchema.TaxArrears, default);
        Assert.ThrowsAny<Exception>(() => world.OtherSubjectKey.Decrypt(Sm2Ciphertext.Decode(issued.SealedCredential)));
        Assert.Equal([0UL], Open(issued).Attributes);
    }

    [Fact]
    public async Task ABirthDateComesFromTheResidentIdNumber()
    {
        var issued = await world.Credentials.IssueAsync(world.Holder, world.Subject, CredentialSchema.BirthDate, default);
        var expected = ulong.Parse(world.Subject.AsSpan(6, 8), CultureInfo.InvariantCulture);
        Assert.Equal([expected], Open(issued).Attributes);
    }

    [Fact]
    public async Task AnOverdueAmountIsTheCourtEnforcement()
    {
        var issued = await world.Credentials.IssueAsync(world.Holder, world.Subject, CredentialSchema.OverdueAmount, default);
        Assert.Equal([2_500UL], Open(issued).Attributes);
    }

    [Fact]
    public async Task NobodyElseAsksForTheHoldersCredentialAndTheAttemptIsRecorded()
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Credentials.IssueAsync(world.Other, world.Subject, CredentialSchema.CreditProfile, default));
        Assert.StartsWith("denied: only the holder", ex.Message, StringComparison.Ordinal);
        var trail = (await world.Ledger.TrailAsync(new GovChain.Ledger.Storage.TrailQuery(GovChain.Ledger.Storage.TrailIndex.Subject, world.Subject))).Bundle;
        Assert.Contains(trail.Records, r => LedgerTransaction.Decode(r.Record).Payload is RecordDenial d && d.Requester == world.OtherSubject);
    }

    [Fact]
    public async Task AnUnregisteredHolderIsNotFound() =>
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Credentials.IssueAsync(world.Agency, "110101199001011237", CredentialSchema.TaxArrears, default));

    [Fact]
    public async Task MissingSourceDataIsNotFoundAndNothingIsIssued()
    {
        var before = world.Ledger.TransactionCount;
        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Credentials.IssueAsync(world.Other, world.OtherSubject, CredentialSchema.OverdueAmount, default));
        Assert.Contains("court", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, world.Ledger.TransactionCount);
    }

    [Fact]
    public async Task AnUnknownTypeNamesTheField()
    {
        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => world.Credentials.IssueAsync(world.Holder, world.Subject, "shoe-size", default));
        Assert.Equal("type", ex.Field);
    }

    [Fact]
    public async Task OnlyTheIssuerRevokesAndARevocationShowsInTheStatus()
    {
        var issued = await world.Credentials.IssueAsync(world.Holder, world.Subject, CredentialSchema.TaxArrears, default);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Credentials.RevokeAsync(world.Bureau, issued.CredentialId, default));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Credentials.RevokeAsync(world.Holder, issued.CredentialId, default));
        Assert.Null((await world.Credentials.StatusAsync(issued.CredentialId, default)).RevokedAt);

        var receipt = await world.Credentials.RevokeAsync(world.Agency, issued.CredentialId, default);
        Assert.True(receipt.Accepted);
        Assert.Equal(world.Now, (await world.Credentials.StatusAsync(issued.CredentialId, default)).RevokedAt);
        var again = await Assert.ThrowsAsync<LedgerRejectionException>(() => world.Credentials.RevokeAsync(world.Agency, issued.CredentialId, default));
        Assert.Contains("already revoked", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCredentialHasNoStatus() =>
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Credentials.StatusAsync("cred-none", default));
}
