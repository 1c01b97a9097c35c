using System.Diagnostics.CodeAnalysis;
using GovChain.Ledger.Application;

namespace GovChain.CreditService.Data;

/// <summary>
/// A kind of agency data, with its grading under the draft standard (5.3 d), its typed fields and the subjects it
/// describes. The registry is the static members: every category the service knows is listed in <see cref="All"/>.
/// </summary>
public sealed class DataCategory
{
    /// <summary>Public security: core data, which is never shared under consent.</summary>
    public static readonly DataCategory Identity = new(
        "identity", DataClassification.Core, [SubjectKind.Citizen],
        [FieldSpec.Text("name", 64), FieldSpec.Date("birth_date")]);

    public static readonly DataCategory Tax = new(
        "tax", DataClassification.Important, [SubjectKind.Citizen, SubjectKind.Enterprise],
        [FieldSpec.Integer("annual_tax_paid_cny", 0, long.MaxValue), FieldSpec.Integer("arrears_cny", 0, long.MaxValue),
            FieldSpec.Integer("months_in_arrears", 0, 120)]);

    public static readonly DataCategory SocialSecurity = new(
        "social-security", DataClassification.Important, [SubjectKind.Citizen],
        [FieldSpec.Integer("months_contributed", 0, 600), FieldSpec.Integer("monthly_base_cny", 0, long.MaxValue)]);

    public static readonly DataCategory Court = new(
        "court", DataClassification.General, [SubjectKind.Citizen, SubjectKind.Enterprise],
        [FieldSpec.Integer("judgments", 0, 1000), FieldSpec.Integer("enforcement_cny", 0, long.MaxValue)]);

    public static readonly DataCategory Utilities = new(
        "utilities", DataClassification.General, [SubjectKind.Citizen, SubjectKind.Enterprise],
        [FieldSpec.Integer("late_payments_12m", 0, 12), FieldSpec.Integer("monthly_bill_cny", 0, long.MaxValue)]);

    /// <summary>Market regulation: business registration of enterprises.</summary>
    public static readonly DataCategory Registration = new(
        "registration", DataClassification.General, [SubjectKind.Enterprise],
        [FieldSpec.Integer("registered_capital_cny", 0, long.MaxValue), FieldSpec.Integer("years_registered", 0, 200),
            FieldSpec.Integer("abnormal_operations", 0, 1)]);

    public static readonly IReadOnlyList<DataCategory> All = [Identity, Tax, SocialSecurity, Court, Utilities, Registration];

    private readonly SubjectKind[] _subjects;

    private DataCategory(string name, DataClassification classification, SubjectKind[] subjects, FieldSpec[] fields)
    {
        Name = name;
        Classification = classification;
        _subjects = subjects;
        Fields = fields;
    }

    public string Name { get; }

    public DataClassification Classification { get; }

    /// <summary>The fields in their canonical (template column) order.</summary>
    public IReadOnlyList<FieldSpec> Fields { get; }

    public IReadOnlyList<SubjectKind> SubjectKinds => _subjects;

    public static DataCategory Get(string name) =>
        TryGet(name, out var category) ? category : throw new UnknownCategoryException(name);

    public static bool TryGet(string? name, [NotNullWhen(true)] out DataCategory? category)
    {
        category = All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
        return category is not null;
    }

    public bool AppliesTo(SubjectKind kind) => Array.IndexOf(_subjects, kind) >= 0;

    public FieldSpec? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>Why <paramref name="record"/> is not a complete, in-range record of this category, or null.</summary>
    public string? Diagnose(SubjectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!string.Equals(record.Category, Name, StringComparison.Ordinal))
        {
            return $"record of category '{record.Category}' given where '{Name}' was expected";
        }

        var problem = SubjectIdentifier.Diagnose(record.SubjectId, this);
        if (problem is not null)
        {
            return problem;
        }

        var numeric = 0;
        var text = 0;
        foreach (var field in Fields)
        {
            if (field.IsNumeric)
            {
                numeric++;
                problem = record.Values.TryGetValue(field.Name, out var value) ? field.CheckNumber(value) : $"{field.Name} is missing";
            }
            else
            {
                text++;
                problem = record.Texts.TryGetValue(field.Name, out var value) ? field.CheckText(value) : $"{field.Name} is missing";
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        return record.Values.Count == numeric && record.Texts.Count == text
            ? null
            : $"record has fields that category '{Name}' does not define";
    }

    public override string ToString() => Name;
}
