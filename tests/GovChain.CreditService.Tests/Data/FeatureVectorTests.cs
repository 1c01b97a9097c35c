using GovChain.CreditService.Data;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

public sealed class FeatureVectorTests
{
    private static readonly SyntheticPopulation Population = SyntheticPopulation.Generate(21, 2, 2);

    [Fact]
    public void Values_come_in_the_models_order_across_categories()
    {
        var store = new InMemorySubjectStore();
        store.PutAll(Population.Records);
        var citizen = Population.Subjects.First(s => s.Kind == SubjectKind.Citizen).Id;
        string[] features = ["utilities.late_payments_12m", "tax.arrears_cny", "utilities.monthly_bill_cny", "court.judgments"];
        long[] expected =
        [
            Record(citizen, "utilities").Values["late_payments_12m"],
            Record(citizen, "tax").Values["arrears_cny"],
            Record(citizen, "utilities").Values["monthly_bill_cny"],
            Record(citizen, "court").Values["judgments"],
        ];
        Assert.Equal(expected, FeatureVector.Read(store, citizen, features));
        Assert.Equal([DataCategory.Utilities, DataCategory.Tax, DataCategory.Court], FeatureVector.Categories(features));
    }

    [Fact]
    public void A_missing_category_names_the_category_but_not_the_subject()
    {
        var store = new InMemorySubjectStore();
        var citizen = Population.Subjects.First(s => s.Kind == SubjectKind.Citizen).Id;
        store.Put(Record(citizen, "tax"));
        var ex = Assert.Throws<MissingDataException>(() => FeatureVector.Read(store, citizen, ["tax.arrears_cny", "court.judgments"]));
        Assert.Equal("court", ex.Category);
        Assert.Equal(citizen, ex.Subject);
        Assert.DoesNotContain(citizen, ex.Message, StringComparison.Ordinal);
        Assert.Throws<MissingDataException>(() => FeatureVector.Read(store, "91350100M000100Y43", ["tax.arrears_cny"]));
    }

    [Theory]
    [InlineData("tax", "is not of the form category.field")]
    [InlineData("tax.", "is not of the form category.field")]
    [InlineData(".arrears_cny", "is not of the form category.field")]
    [InlineData("tax.fines", "category 'tax' has no field 'fines'")]
    [InlineData("taxes.arrears_cny", "unknown data category 'taxes'")]
    [InlineData("identity.birth_date", "is core data, which is never used for scoring")]
    public void Unusable_features_are_refused(string feature, string reason)
    {
        var ex = Assert.ThrowsAny<DataInputException>(() => FeatureVector.Read(new InMemorySubjectStore(), "91350100M000100Y43", [feature]));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    private static SubjectRecord Record(string subject, string category) =>
        Population.Records.Single(r => r.SubjectId == subject && r.Category == category);
}
