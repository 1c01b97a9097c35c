namespace GovChain.CreditService.Data;

/// <summary>
/// Citizens and enterprises with valid IDs and a record in every category that applies to them, drawn from
/// <see cref="Random"/>(seed) so that a seed always gives the same population. Each subject has a hidden
/// reliability that drives arrears, judgments and late payments together, so credit scores spread out.
/// </summary>
public sealed class SyntheticPopulation
{
    /// <summary>Birth dates are turned into working years against this year, not the clock, to stay deterministic.</summary>
    private const int ReferenceYear = 2026;

    private SyntheticPopulation(IReadOnlyList<SyntheticSubject> subjects, IReadOnlyList<SubjectRecord> records)
    {
        Subjects = subjects;
        Records = records;
    }

    public IReadOnlyList<SyntheticSubject> Subjects { get; }

    public IReadOnlyList<SubjectRecord> Records { get; }

    public static SyntheticPopulation Generate(int seed, int citizens, int enterprises)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(citizens);
        ArgumentOutOfRangeException.ThrowIfNegative(enterprises);
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var subjects = new List<SyntheticSubject>();
        var records = new List<SubjectRecord>();
        for (var i = 0; i < citizens; i++)
        {
            ResidentIdNumber id;
            do
            {
                id = ResidentIdNumber.Generate(random);
            }
            while (!seen.Add(id.Value));

            var name = SyntheticNames.Person(random);
            subjects.Add(new SyntheticSubject(id.Value, name, SubjectKind.Citizen));
            records.AddRange(CitizenRecords(random, id, name));
        }

        for (var i = 0; i < enterprises; i++)
        {
            UnifiedSocialCreditCode code;
            do
            {
                code = UnifiedSocialCreditCode.Generate(random);
            }
            while (!seen.Add(code.Value));

            subjects.Add(new SyntheticSubject(code.Value, SyntheticNames.Company(random, Regions.CityOf(code.RegionCode)), SubjectKind.Enterprise));
            records.AddRange(EnterpriseRecords(random, code.Value));
        }

        return new SyntheticPopulation(subjects, records);
    }

    public IEnumerable<SubjectRecord> RecordsOf(string category) =>
        Records.Where(r => string.Equals(r.Category, category, StringComparison.Ordinal));

    private static IEnumerable<SubjectRecord> CitizenRecords(Random random, ResidentIdNumber id, string name)
    {
        var risk = random.NextDouble();
        var birth = id.BirthDate;
        yield return Record(id.Value, DataCategory.Identity, ("birth_date", (birth.Year * 10000L) + (birth.Month * 100) + birth.Day))
            with { Texts = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = name } };

        var income = Between(random, 0, 150_000);
        var arrears = risk > 0.75 ? Between(random, 500, 60_000) : 0;
        yield return Record(id.Value, DataCategory.Tax,
            ("annual_tax_paid_cny", income / 10), ("arrears_cny", arrears), ("months_in_arrears", arrears > 0 ? Between(random, 1, 36) : 0));

        var workingMonths = Math.Clamp((ReferenceYear - birth.Year - 22) * 12, 0, 600);
        yield return Record(id.Value, DataCategory.SocialSecurity,
            ("months_contributed", (long)(workingMonths * (1 - (risk * 0.6)))), ("monthly_base_cny", Between(random, 3_000, 30_000)));

        var judgments = risk > 0.85 ? Between(random, 1, 6) : 0;
        yield return Record(id.Value, DataCategory.Court,
            ("judgments", judgments), ("enforcement_cny", judgments > 0 ? Between(random, 5_000, 500_000) : 0));

        yield return Record(id.Value, DataCategory.Utilities,
            ("late_payments_12m", Math.Min(12, (long)(risk * risk * 13))), ("monthly_bill_cny", Between(random, 80, 800)));
    }

    private static IEnumerable<SubjectRecord> EnterpriseRecords(Random random, string id)
    {
        var risk = random.NextDouble();
        var arrears = risk > 0.7 ? Between(random, 10_000, 5_000_000) : 0;
        yield return Record(id, DataCategory.Tax,
            ("annual_tax_paid_cny", Between(random, 50_000, 50_000_000)), ("arrears_cny", arrears),
            ("months_in_arrears", arrears > 0 ? Between(random, 1, 48) : 0));

        var judgments = risk > 0.6 ? Between(random, 1, 20) : 0;
        yield return Record(id, DataCategory.Court,
            ("judgments", judgments), ("enforcement_cny", judgments > 0 ? Between(random, 50_000, 20_000_000) : 0));

        yield return Record(id, DataCategory.Utilities,
            ("late_payments_12m", Math.Min(12, (long)(risk * risk * 13))), ("monthly_bill_cny", Between(random, 1_000, 200_000)));

        yield return Record(id, DataCategory.Registration,
            ("registered_capital_cny", Between(random, 100_000, 1_000_000_000)), ("years_registered", Between(random, 1, 40)),
            ("abnormal_operations", risk > 0.9 ? 1 : 0));
    }

    private static SubjectRecord Record(string id, DataCategory category, params (string Field, long Value)[] values) =>
        new(id, category.Name, values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal));

    private static long Between(Random random, long min, long max) => random.NextInt64(min, max + 1);
}
