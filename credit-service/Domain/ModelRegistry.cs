using GovChain.CreditService.Data;
using GovChain.Ledger.Application;

namespace GovChain.CreditService.Domain;

/// <summary>
/// The scoring models this service publishes (ListModels). Every feature's scaling keeps a weight below 100 times a
/// feature from overflowing the 20-bit batching plain modulus: the caps sum to under 10,000 per model.
/// </summary>
public sealed class ModelRegistry
{
    public const string RetailCredit = "retail-credit-v1";
    public const string EnterpriseCredit = "enterprise-credit-v1";

    private readonly Dictionary<string, ScoringModel> models;

    public ModelRegistry(IEnumerable<ScoringModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        this.models = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<ScoringModel> All => models.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The two published models, classified by the data category registry.</summary>
    public static ModelRegistry CreateDefault() => CreateDefault(c => DataCategory.Get(c).Classification);

    /// <summary>The two published models, with classifications from <paramref name="classificationOf"/>.</summary>
    public static ModelRegistry CreateDefault(Func<string, DataClassification> classificationOf) => new(
    [
        new ScoringModel(RetailCredit, "retail credit: tax compliance, social-security history, utility payments, court records",
        [
            new ModelFeature("tax", "annual_tax_paid_cny", 1_000, 1_000),
            new ModelFeature("tax", "arrears_cny", 1_000, 1_000),
            new ModelFeature("tax", "months_in_arrears", 1, 120),
            new ModelFeature("social-security", "months_contributed", 1, 600),
            new ModelFeature("social-security", "monthly_base_cny", 100, 1_000),
            new ModelFeature("utilities", "late_payments_12m", 1, 12),
            new ModelFeature("utilities", "monthly_bill_cny", 10, 1_000),
            new ModelFeature("court", "judgments", 1, 100),
            new ModelFeature("court", "enforcement_cny", 1_000, 1_000),
        ], classificationOf),
        new ScoringModel(EnterpriseCredit, "enterprise credit: registration standing, tax compliance, court records",
        [
            new ModelFeature("registration", "registered_capital_cny", 100_000, 1_000),
            new ModelFeature("registration", "years_registered", 1, 200),
            new ModelFeature("registration", "abnormal_operations", 1, 1),
            new ModelFeature("tax", "annual_tax_paid_cny", 10_000, 1_000),
            new ModelFeature("tax", "arrears_cny", 10_000, 1_000),
            new ModelFeature("tax", "months_in_arrears", 1, 120),
            new ModelFeature("court", "judgments", 1, 100),
            new ModelFeature("court", "enforcement_cny", 10_000, 1_000),
        ], classificationOf),
    ]);

    /// <exception cref="ResourceNotFoundException">No model has this id.</exception>
    public ScoringModel Get(string modelId) =>
        models.TryGetValue(modelId ?? string.Empty, out var model) ? model : throw new ResourceNotFoundException($"unknown model {modelId}");
}
