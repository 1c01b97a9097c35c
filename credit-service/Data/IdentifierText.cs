namespace GovChain.CreditService.Data;

/// <summary>Reasons shared by the two identifier formats, so both say the same thing about the same mistake.</summary>
internal static class IdentifierText
{
    public const int Length = 18;

    /// <summary>Length, whitespace and case problems, or null; <paramref name="what"/> names the identifier kind.</summary>
    public static string? ShapeProblem(string? text, string what)
    {
        if (string.IsNullOrEmpty(text))
        {
            return $"{what} is empty";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return $"{what} contains whitespace at position {i + 1}";
            }
        }

        if (text.Length != Length)
        {
            return $"{what} must be {Length} characters, not {text.Length}";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiLetterLower(text[i]))
            {
                return $"{what} contains lower-case '{text[i]}' at position {i + 1}; letters must be upper case";
            }
        }

        return null;
    }

    public static string Describe(char c) => char.IsControl(c) || c > '\u007e' ? $"U+{(int)c:X4}" : $"'{c}'";
}
