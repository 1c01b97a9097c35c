using GovChain.CreditService.Data;

namespace GovChain.CreditService.Domain;

/// <summary>
/// The agency's public credit-profile rule: [score, income_k_cny, history_years, open_loans]. Income and history come
/// from social security (citizens) or registration and tax (enterprises) and must be on record; adverse records (tax
/// arrears, court judgments, late utility payments) lower the score and count as none when the agency holds no such data.
/// score = 600 + 5·min(history, 20) + min(income_k / 10, 50) − 40·min(months in arrears, 5) − 30·min(judgments, 5)
///         − 10·min(late payments, 12), clamped to [300, 900].
/// </summary>
public static class CreditProfileRule
{
    public const long MinScore = 300;
    public const long MaxScore = 900;

    public static ulong[] Attributes(string holder, ISubjectDataStore data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var citizen = SubjectIdentifier.KindOf(holder) == SubjectKind.Citizen;
        long incomeK, history;
        if (citizen)
        {
            var social = CredentialAttributes.Record(data, holder, "social-security");
            incomeK = social.Values.GetValueOrDefault("monthly_base_cny") * 12 / 1000;
            history = social.Values.GetValueOrDefault("months_contributed") / 12;
        }
        else
        {
            var registration = CredentialAttributes.Record(data, holder, "registration");
            history = registration.Values.GetValueOrDefault("years_registered");
            incomeK = Optional(data, holder, "tax", "annual_tax_paid_cny") / 1000;
        }

        var arrearsMonths = Optional(data, holder, "tax", "months_in_arrears");
        var judgments = Optional(data, holder, "court", "judgments");
        var late = Optional(data, holder, "utilities", "late_payments_12m");
        var score = Score(incomeK, history, arrearsMonths, judgments, late);
        return [(ulong)score, (ulong)Math.Max(0, incomeK), (ulong)Math.Max(0, history), (ulong)Math.Max(0, judgments)];
    }

    public static long Score(long incomeK, long history, long arrearsMonths, long judgments, long latePayments)
    {
        var score = 600 + (5 * Math.Clamp(history, 0, 20)) + Math.Clamp(incomeK / 10, 0, 50)
            - (40 * Math.Clamp(arrearsMonths, 0, 5)) - (30 * Math.Clamp(judgments, 0, 5)) - (10 * Math.Clamp(latePayments, 0, 12));
        return Math.Clamp(score, MinScore, MaxScore);
    }

    private static long Optional(ISubjectDataStore data, string holder, string category, string field) =>
        data.TryGet(holder, category)?.Values.GetValueOrDefault(field) ?? 0;
}
