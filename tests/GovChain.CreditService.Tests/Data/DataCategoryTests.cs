using GovChain.CreditService.Data;
using GovChain.Ledger.Application;
using Xunit;

namespace GovChain.CreditService.Tests.Data;

/// <summary>The registry matches the data grading of the draft standard (5.3 d) and each category's field rules.</summary>
public sealed class DataCategoryTests
{
    [Theory]
    [InlineData("identity", DataClassification.Core, "name,birth_date", true, false)]
    [InlineData("tax", DataClassification.Important, "annual_tax_paid_cny,arrears_cny,months_in_arrears", true, true)]
    [InlineData("social-security", DataClassification.Important, "months_contributed,monthly_base_cny", true, false)]
    [InlineData("court", DataClassification.General, "judgments,enforcement_cny", true, true)]
    [InlineData("utilities", DataClassification.General, "late_payments_12m,monthly_bill_cny", true, true)]
    [InlineData("registration", DataClassification.General, "registered_capital_cny,years_registered,abnormal_operations", false, true)]
    public void Each_category_has_its_grading_fields_and_subjects(string name, DataClassification grading, string fields, bool citizens, bool enterprises)
    {
        var category = DataCategory.Get(name);
        Assert.Equal(grading, category.Classification);
        Assert.Equal(fields.Split(','), category.Fields.Select(f => f.Name));
        Assert.Equal(citizens, category.AppliesTo(SubjectKind.Citizen));
        Assert.Equal(enterprises, category.AppliesTo(SubjectKind.Enterprise));
    }

    [Theory]
    [InlineData("tax", "months_in_arrears", 0, 120)]
    [InlineData("social-security", "months_contributed", 0, 600)]
    [InlineData("court", "judgments", 0, 1000)]
    [InlineData("utilities", "late_payments_12m", 0, 12)]
    [InlineData("registration", "years_registered", 0, 200)]
    [InlineData("registration", "abnormal_operations", 0, 1)]
    public void Bounded_fields_accept_their_ends_and_refuse_one_past(string category, string field, long min, long max)
    {
        var spec = DataCategory.Get(category).Field(field)!;
        Assert.Null(spec.CheckNumber(min));
        Assert.Null(spec.CheckNumber(max));
        Assert.Contains($"between {min} and {max}", spec.CheckNumber(min - 1), StringComparison.Ordinal);
        Assert.Contains($"between {min} and {max}", spec.CheckNumber(max + 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_are_unbounded_above_but_not_negative()
    {
        var spec = DataCategory.Tax.Field("arrears_cny")!;
        Assert.Null(spec.CheckNumber(long.MaxValue));
        Assert.Equal("arrears_cny must be at least 0, not -1", spec.CheckNumber(-1));
    }

    [Fact]
    public void Dates_must_be_calendar_dates()
    {
        var spec = DataCategory.Identity.Field("birth_date")!;
        Assert.Null(spec.CheckNumber(20000229));
        Assert.Contains("not a calendar date", spec.CheckNumber(19000229), StringComparison.Ordinal);
        Assert.Contains("not a calendar date", spec.CheckNumber(20001301), StringComparison.Ordinal);
        Assert.Contains("between", spec.CheckNumber(2000), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_categories_throw_a_typed_exception()
    {
        var ex = Assert.Throws<UnknownCategoryException>(() => DataCategory.Get("Tax"));
        Assert.Equal("unknown data category 'Tax'", ex.Message);
        Assert.False(DataCategory.TryGet(null, out _));
    }

    [Fact]
    public void A_record_must_carry_exactly_its_category_fields()
    {
        var good = new SubjectRecord("91350100M000100Y43", "court", Values(("judgments", 2), ("enforcement_cny", 10)));
        Assert.Null(DataCategory.Court.Diagnose(good));
        Assert.Equal("enforcement_cny is missing",
            DataCategory.Court.Diagnose(good with { Values = Values(("judgments", 2)) }));
        Assert.Equal("record has fields that category 'court' does not define",
            DataCategory.Court.Diagnose(good with { Values = Values(("judgments", 2), ("enforcement_cny", 1), ("extra", 1)) }));
        Assert.Equal("judgments must be between 0 and 1000, not 1001",
            DataCategory.Court.Diagnose(good with { Values = Values(("judgments", 1001), ("enforcement_cny", 1)) }));
        Assert.Contains("where 'tax' was expected", DataCategory.Tax.Diagnose(good), StringComparison.Ordinal);
        Assert.Contains("check character", DataCategory.Court.Diagnose(good with { SubjectId = "91350100M000100Y44" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Records_compare_by_content()
    {
        var a = new SubjectRecord("91350100M000100Y43", "court", Values(("judgments", 2), ("enforcement_cny", 10)));
        var b = new SubjectRecord("91350100M000100Y43", "court", Values(("enforcement_cny", 10), ("judgments", 2)));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Values = Values(("enforcement_cny", 11), ("judgments", 2)) });
        Assert.NotEqual(a, b with { Texts = new Dictionary<string, string> { ["name"] = "x" } });
    }

    internal static Dictionary<string, long> Values(params (string Name, long Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
