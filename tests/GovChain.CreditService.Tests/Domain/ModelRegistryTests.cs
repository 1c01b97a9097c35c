using GovChain.CreditService.Domain;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class ModelRegistryTests
{
    private static DataClassification Classification(string category) =>
        category is "tax" or "social-security" ? DataClassification.Important : DataClassification.General;

    private static readonly ModelRegistry Registry = ModelRegistry.CreateDefault(Classification);

    [Fact]
    public void TheRetailModelReadsItsFourCategoriesAtTheirHighestClassification()
    {
        var model = Registry.Get(ModelRegistry.RetailCredit);
        Assert.Equal(["court", "social-security", "tax", "utilities"], model.Categories);
        Assert.Equal(DataClassification.Important, model.HighestClassification);
        Assert.All(model.Features, f => Assert.Contains(f.Category, model.Categories));
    }

    [Fact]
    public void TheEnterpriseModelReadsRegistrationTaxAndCourt()
    {
        Assert.Equal(["court", "registration", "tax"], Registry.Get(ModelRegistry.EnterpriseCredit).Categories);
    }

    [Fact]
    public void TheModelHashIsTheSm3OfTheCanonicalDescription()
    {
        foreach (var model in Registry.All)
        {
            Assert.Equal(Hash32.Compute(model.CanonicalBytes()), model.ModelHash);
        }

        Assert.NotEqual(Registry.All[0].ModelHash, Registry.All[1].ModelHash);
    }

    [Fact]
    public void ChangingOneFeatureScaleChangesTheHash()
    {
        var retail = Registry.Get(ModelRegistry.RetailCredit);
        var changed = new ScoringModel(retail.Id, retail.Description,
            retail.Features.Select((f, i) => i == 0 ? f with { Cap = f.Cap + 1 } : f).ToArray(), Classification);
        Assert.NotEqual(retail.ModelHash, changed.ModelHash);
    }

    [Fact]
    public void EveryModelStaysBelowThePlainModulusWithWeightsUnder100()
    {
        const ulong twentyBitBatchingModulus = 1032193;
        foreach (var model in Registry.All)
        {
            var worst = model.Features.Sum(f => f.Cap * 99);
            Assert.True((ulong)worst < twentyBitBatchingModulus, $"{model.Id} can reach {worst}");
        }
    }

    [Theory]
    [InlineData(-5, 0UL)]
    [InlineData(0, 0UL)]
    [InlineData(2_500, 2UL)]
    [InlineData(5_000_000, 1_000UL)]
    public void FeaturesAreScaledAndCapped(long raw, ulong expected) =>
        Assert.Equal(expected, new ModelFeature("tax", "arrears_cny", 1_000, 1_000).Scale(raw));

    [Fact]
    public void AnUnknownModelIsNotFound() =>
        Assert.Throws<ResourceNotFoundException>(() => Registry.Get("no-such-model"));
}
