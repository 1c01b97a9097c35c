using System.Diagnostics.CodeAnalysis;

namespace GovChain.CreditService.Data;

/// <summary>
/// An enterprise's unified social credit code (GB 32100-2015): 17 characters from a 31-letter alphabet followed by a
/// check character; positions 3-8 are the administrative division code.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    /// <summary>0-9 and A-Z without I, O, S, V and Z; a character's value is its index here.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private const string What = "unified social credit code";

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The 6-digit administrative division code (positions 3-8).</summary>
    public string RegionCode => Value.Substring(2, 6);

    public static bool IsValid(string? text) => Diagnose(text) is null;

    public static bool TryParse(string? text, [NotNullWhen(true)] out UnifiedSocialCreditCode? code) =>
        TryParse(text, out code, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out UnifiedSocialCreditCode? code, out string reason)
    {
        var problem = Diagnose(text);
        code = problem is null ? new UnifiedSocialCreditCode(text!) : null;
        reason = problem ?? string.Empty;
        return code is not null;
    }

    public static UnifiedSocialCreditCode Parse(string? text) =>
        TryParse(text, out var code, out var reason) ? code : throw new InvalidIdentifierException(reason);

    /// <summary>Why <paramref name="text"/> is not a valid code, or null when it is.</summary>
    public static string? Diagnose(string? text)
    {
        var problem = IdentifierText.ShapeProblem(text, What) ?? CharacterProblem(text!, IdentifierText.Length);
        if (problem is not null)
        {
            return problem;
        }

        var expected = CheckCharacterOf(text!);
        return text![17] == expected ? null : $"{What} check character is '{text[17]}' but should be '{expected}'";
    }

    /// <summary>The check character for the first 17 characters: C18 = 31 - (Σ value(Ci)·3^(i-1) mod 31), 31 → 0.</summary>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != IdentifierText.Length - 1)
        {
            throw new InvalidIdentifierException($"a check character needs the first 17 characters, not {first17.Length}");
        }

        var problem = CharacterProblem(first17, first17.Length);
        return problem is null ? CheckCharacterOf(first17) : throw new InvalidIdentifierException(problem);
    }

    /// <summary>
    /// A synthetic enterprise code: registration authority 9 (market regulation), type 1-3, a real division code
    /// and a GB 11714 organization code with its own check character. It can never be a resident ID (those start 1-8).
    /// </summary>
    public static UnifiedSocialCreditCode Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var chars = new char[17];
        chars[0] = '9';
        chars[1] = (char)('1' + random.Next(3));
        Regions.PickDivision(random).CopyTo(chars.AsSpan(2));
        for (var i = 8; i < 16; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        chars[16] = OrganizationCheck(chars.AsSpan(8, 8));
        var first17 = new string(chars);
        return new UnifiedSocialCreditCode(first17 + CheckCharacterOf(first17));
    }

    public override string ToString() => Value;

    private static string? CharacterProblem(string text, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var c = text[i];
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return c is 'I' or 'O' or 'S' or 'V' or 'Z'
                    ? $"{What} uses '{c}' at position {i + 1}; I, O, S, V and Z are not in the code alphabet"
                    : $"{What} contains {IdentifierText.Describe(c)} at position {i + 1}, which is not in the code alphabet";
            }

            if (i is >= 2 and < 8 && !char.IsAsciiDigit(c))
            {
                return $"{What} positions 3-8 are the division code and must be digits; position {i + 1} is '{c}'";
            }
        }

        return null;
    }

    private static char CheckCharacterOf(string text)
    {
        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(text[i], StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>GB 11714 check character over 8 digits: weights 3 7 9 10 5 8 4 2, 11 - (Σ mod 11), 10 → X, 11 → 0.</summary>
    private static char OrganizationCheck(ReadOnlySpan<char> digits)
    {
        ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var c => (char)('0' + c),
        };
    }
}
