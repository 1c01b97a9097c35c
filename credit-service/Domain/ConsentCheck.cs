using GovChain.Ledger.Application;

namespace GovChain.CreditService.Domain;

/// <summary>
/// The contract's query rules evaluated against the latest committed consent, so that a query the ledger would deny
/// is refused before any HE work. The ledger's verdict at commit stays authoritative; this only saves work.
/// </summary>
public static class ConsentCheck
{
    /// <summary>"denied: …" as the contract words it, or null when the consent allows the query at <paramref name="now"/>.</summary>
    public static string? DenialReason(ConsentRecord? consent, string bureau, string subject, IReadOnlyList<string> categories, long now)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (consent is null)
        {
            return "denied: no such consent";
        }

        if (consent.Bureau != bureau)
        {
            return "denied: the consent was given to another bureau";
        }

        if (consent.Subject != subject)
        {
            return "denied: the consent is for another subject";
        }

        if (consent.RevokedAt is { } revoked && revoked <= now)
        {
            return $"denied: consent revoked at {revoked}";
        }

        if (now < consent.NotBefore)
        {
            return "denied: consent not yet valid";
        }

        if (now >= consent.Expires)
        {
            return $"denied: consent expired at {consent.Expires}";
        }

        var missing = categories.FirstOrDefault(c => Array.BinarySearch(consent.Categories, c, StringComparer.Ordinal) < 0);
        return missing is null ? null : $"denied: category {missing} is outside the consent's scope";
    }

    /// <summary>
    /// The service's own rule on top of the contract's: a consent granted for general data does not cover a model
    /// that reads important data (5.3 d). Null when the classification suffices.
    /// </summary>
    public static string? ClassificationDenial(ConsentRecord consent, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(model);
        return consent.Classification >= model.HighestClassification
            ? null
            : $"denied: model {model.Id} reads {model.HighestClassification.ToString().ToLowerInvariant()} data but consent {consent.Id} covers {consent.Classification.ToString().ToLowerInvariant()} data only";
    }
}
