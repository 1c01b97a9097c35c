using System.Globalization;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The registry of credential types. Each commits to its attributes with Poseidon(attributes ‖ salt) and supports one
/// predicate circuit from vectors/circuits, whose private inputs are exactly those attributes.
/// </summary>
public static class CredentialSchema
{
    public const string CreditProfile = "credit-profile";
    public const string BirthDate = "birth-date";
    public const string OverdueAmount = "overdue-amount";
    public const string TaxArrears = "tax-arrears";

    public const string ScoreAtLeast = "score-at-least";
    public const string AgeAtLeast = "age-at-least";
    public const string ValueAtMost = "value-at-most";
    public const string FlagIsZero = "flag-is-zero";

    private static readonly CredentialType[] All =
    [
        new(CreditProfile, ["score", "income_k_cny", "history_years", "open_loans"], new(ScoreAtLeast, "score_at_least", ["threshold"])),
        new(BirthDate, ["birth_date"], new(AgeAtLeast, "age_at_least", ["today", "min_age"])),
        new(OverdueAmount, ["amount_cny"], new(ValueAtMost, "value_at_most", ["maximum"])),
        new(TaxArrears, ["has_arrears"], new(FlagIsZero, "flag_is_zero", [])),
    ];

    public static IReadOnlyList<CredentialType> Types => All;

    /// <summary>The type named <paramref name="name"/>; an unknown name is a <see cref="WalletFormatException"/>.</summary>
    public static CredentialType Type(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new WalletFormatException($"unknown credential type '{name}' (known: {string.Join(", ", All.Select(t => t.Name))})");

    /// <summary>The credential type whose predicate is <paramref name="predicate"/>.</summary>
    public static CredentialType ForPredicate(string predicate) =>
        All.FirstOrDefault(t => t.Predicate.Name == predicate)
        ?? throw new WalletFormatException($"unknown predicate '{predicate}' (known: {string.Join(", ", All.Select(t => t.Predicate.Name))})");

    /// <summary>Checks attribute count and each type's value rules (a real date, a 0/1 flag).</summary>
    public static void CheckAttributes(string type, IReadOnlyList<ulong> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var definition = Type(type);
        if (attributes.Count != definition.Attributes.Count)
        {
            throw new WalletFormatException(
                $"a {type} credential has {definition.Attributes.Count} attributes ({string.Join(", ", definition.Attributes)}), got {attributes.Count}");
        }

        if (type == BirthDate && !IsDate(attributes[0]))
        {
            throw new WalletFormatException($"birth_date {attributes[0]} is not a YYYYMMDD date");
        }

        if (type == TaxArrears && attributes[0] > 1)
        {
            throw new WalletFormatException($"has_arrears must be 0 or 1, got {attributes[0]}");
        }
    }

    /// <summary>True for a valid calendar date written as the integer YYYYMMDD.</summary>
    public static bool IsDate(ulong yyyymmdd) =>
        yyyymmdd is >= 10000101 and <= 99991231
        && DateOnly.TryParseExact(yyyymmdd.ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
