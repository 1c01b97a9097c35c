using FsCheck.Xunit;
using GovChain.CreditService.Domain;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

/// <summary>The service's early consent check must agree with the contract's verdict at commit (the independent judge).</summary>
public sealed class ConsentCheckTests
{
    private static readonly string[] Categories = ["court", "social-security", "tax", "utilities"];

    private static string[] Pick(int mask) => [.. Categories.Where((_, i) => (mask & (1 << i)) != 0)];

    [Property(MaxTest = 40)]
    public bool TheEarlyCheckAgreesWithTheContract(short notBeforeSeed, short durationSeed, short queryAtSeed, byte consentSeed, byte querySeed, bool revoke)
    {
        var notBefore = notBeforeSeed % 101;
        var duration = Math.Max(1 - notBefore, 1 + (Math.Abs((int)durationSeed) % 1000));
        var queryAt = -150 + (Math.Abs((int)queryAtSeed) % 1350);
        using var world = new FeatureWorld();
        var start = world.Now;
        const string Id = "consent-p";
        var grant = new GrantConsent(Id, FeatureWorld.BureauId, "p", Pick(1 + (consentSeed % 15)), DataClassification.Important, start + notBefore,
            start + notBefore + duration);
        Assert.True(world.Ledger.RelayAsync(world.Ledger.SignAs(world.SubjectKey, grant)).Result.Accepted);
        if (revoke)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(1));
            world.RevokeConsent(Id);
        }

        world.Clock.Advance(TimeSpan.FromSeconds(start + queryAt - world.Now));
        var consent = world.Ledger.ConsentAsync(Id).Result;
        var categories = Pick(1 + (querySeed % 15));
        var expected = ConsentCheck.DenialReason(consent, FeatureWorld.BureauId, world.Subject, categories, world.Now) ?? "allowed";
        var receipt = world.Ledger.SubmitAsync(new RecordQuery("q", Id, world.Subject, FeatureWorld.BureauId, categories, Hash32.Zero, Hash32.Zero,
            Hash32.Zero, Hash32.Zero)).Result;
        return receipt.Accepted && receipt.Reason == expected;
    }

    [Fact]
    public void AnotherBureauOrSubjectIsDenied()
    {
        var consent = new ConsentRecord("c", "s", "b", "p", ["tax"], DataClassification.Important, 0, 100, null);
        Assert.Equal("denied: the consent was given to another bureau", ConsentCheck.DenialReason(consent, "other", "s", ["tax"], 50));
        Assert.Equal("denied: the consent is for another subject", ConsentCheck.DenialReason(consent, "b", "other", ["tax"], 50));
        Assert.Null(ConsentCheck.DenialReason(consent, "b", "s", ["tax"], 50));
    }

    [Fact]
    public void AGeneralConsentDoesNotCoverImportantData()
    {
        var models = ModelRegistry.CreateDefault();
        var general = new ConsentRecord("c", "s", "b", "p", ["court", "registration", "tax"], DataClassification.General, 0, 100, null);
        Assert.NotNull(ConsentCheck.ClassificationDenial(general, models.Get(ModelRegistry.EnterpriseCredit)));
        Assert.Null(ConsentCheck.ClassificationDenial(general with { Classification = DataClassification.Important }, models.Get(ModelRegistry.EnterpriseCredit)));
    }
}
