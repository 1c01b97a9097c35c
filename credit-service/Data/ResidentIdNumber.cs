using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GovChain.CreditService.Data;

/// <summary>
/// A citizen's resident identity number (GB 11643-1999): a 6-digit division code, the birth date YYYYMMDD, a 3-digit
/// sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
public sealed record ResidentIdNumber
{
    private const string What = "resident ID number";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Check character indexed by (Σ digit·weight) mod 11.</summary>
    private const string CheckCharacters = "10X98765432";

    /// <summary>The oldest birth year accepted; the standard's own example is born in 1880.</summary>
    private const int FirstBirthYear = 1800;

    private ResidentIdNumber(string value) => Value = value;

    public string Value { get; }

    public string RegionCode => Value[..6];

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    public static bool IsValid(string? text) => Diagnose(text) is null;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ResidentIdNumber? id) => TryParse(text, out id, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ResidentIdNumber? id, out string reason)
    {
        var problem = Diagnose(text);
        id = problem is null ? new ResidentIdNumber(text!) : null;
        reason = problem ?? string.Empty;
        return id is not null;
    }

    public static ResidentIdNumber Parse(string? text) =>
        TryParse(text, out var id, out var reason) ? id : throw new InvalidIdentifierException(reason);

    /// <summary>Why <paramref name="text"/> is not a valid number, or null when it is.</summary>
    public static string? Diagnose(string? text)
    {
        if (text is { Length: 15 } && text.All(char.IsAsciiDigit))
        {
            return $"15-digit first-generation ID cards are not accepted; give the 18-character {What}";
        }

        var problem = IdentifierText.ShapeProblem(text, What) ?? DigitProblem(text!, 17);
        if (problem is not null)
        {
            return problem;
        }

        var last = text![17];
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return $"{What} check character {IdentifierText.Describe(last)} must be a digit or 'X'";
        }

        problem = RegionProblem(text) ?? BirthDateProblem(text);
        if (problem is not null)
        {
            return problem;
        }

        var expected = CheckCharacterOf(text);
        return last == expected ? null : $"{What} check character is '{last}' but should be '{expected}'";
    }

    /// <summary>The MOD 11-2 check character of 17 digits.</summary>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new InvalidIdentifierException($"a check character needs the first 17 digits, not {first17.Length} characters");
        }

        var problem = DigitProblem(first17, 17);
        return problem is null ? CheckCharacterOf(first17) : throw new InvalidIdentifierException(problem);
    }

    /// <summary>A synthetic number: a real district, a birth date from 1950 to 2005 and a random sequence.</summary>
    public static ResidentIdNumber Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(56 * 365));
        var first17 = Regions.PickDivision(random)
            + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
        return new ResidentIdNumber(first17 + CheckCharacterOf(first17));
    }

    public override string ToString() => Value;

    private static string? DigitProblem(string text, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return $"{What} position {i + 1} must be a digit, not {IdentifierText.Describe(text[i])}";
            }
        }

        return null;
    }

    private static string? RegionProblem(string text)
    {
        var province = ((text[0] - '0') * 10) + (text[1] - '0');
        return Regions.IsProvince(province) ? null : $"{What} starts with {text[..2]}, which is not a province code";
    }

    private static string? BirthDateProblem(string text)
    {
        var digits = text.AsSpan(6, 8);
        if (!DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            return $"{What} birth date {digits} is not a calendar date";
        }

        if (birth.Year < FirstBirthYear)
        {
            return $"{What} birth year {birth.Year} is before {FirstBirthYear}";
        }

        // IDs are issued in China Standard Time (UTC+8); a baby born there today is not "in the future".
        return birth > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))
            ? $"{What} birth date {digits} is in the future"
            : null;
    }

    private static char CheckCharacterOf(string text)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (text[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }
}
