namespace GovChain.CreditService.Data;

/// <summary>Tells the two kinds of subject ID apart; both are 18 characters.</summary>
public static class SubjectIdentifier
{
    /// <summary>
    /// The kind of a valid subject ID, or null. A string that passes both checks (possible only for codes starting
    /// 1-8, about one in a few thousand) counts as a resident ID: its birth-date and region rules make that the far
    /// stronger match.
    /// </summary>
    public static SubjectKind? KindOf(string? id) =>
        ResidentIdNumber.IsValid(id) ? SubjectKind.Citizen
        : UnifiedSocialCreditCode.IsValid(id) ? SubjectKind.Enterprise
        : null;

    /// <summary>Why <paramref name="id"/> cannot hold data of <paramref name="category"/>, or null when it can.</summary>
    public static string? Diagnose(string? id, DataCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var asCitizen = ResidentIdNumber.Diagnose(id);
        var asEnterprise = UnifiedSocialCreditCode.Diagnose(id);
        var citizens = category.AppliesTo(SubjectKind.Citizen);
        var enterprises = category.AppliesTo(SubjectKind.Enterprise);
        if ((citizens && asCitizen is null) || (enterprises && asEnterprise is null))
        {
            return null;
        }

        if (asCitizen is null || asEnterprise is null)
        {
            var holder = asCitizen is null ? "citizens" : "enterprises";
            return $"category '{category.Name}' holds no data about {holder}";
        }

        // Where both kinds are allowed, explain the failure against the kind the text was most likely meant to be.
        return citizens && (!enterprises || LooksLikeResidentId(id)) ? asCitizen : asEnterprise;
    }

    /// <summary>Digits (bar a final X) starting 1-8: enterprise codes usually start with 9 or hold letters.</summary>
    private static bool LooksLikeResidentId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id[0] is >= '1' and <= '8'
        && id.AsSpan(0, id.Length - 1).IndexOfAnyExceptInRange('0', '9') < 0;
}
