using System.Globalization;

namespace GovChain.CreditService.Data;

/// <summary>
/// One field of a data category. Integer and date fields hold a long within [Minimum, Maximum]; a text field holds
/// between Minimum and Maximum characters.
/// </summary>
public sealed record FieldSpec(string Name, FieldKind Kind, long Minimum, long Maximum)
{
    public static FieldSpec Integer(string name, long minimum, long maximum) => new(name, FieldKind.Integer, minimum, maximum);

    /// <summary>A date written YYYYMMDD, from 1800-01-01 to 2199-12-31.</summary>
    public static FieldSpec Date(string name) => new(name, FieldKind.Date, 18000101, 21991231);

    public static FieldSpec Text(string name, int maxLength) => new(name, FieldKind.Text, 1, maxLength);

    public bool IsNumeric => Kind != FieldKind.Text;

    /// <summary>Why <paramref name="value"/> does not fit this numeric field, or null.</summary>
    public string? CheckNumber(long value)
    {
        if (!IsNumeric)
        {
            return $"{Name} is a text field";
        }

        if (value < Minimum || value > Maximum)
        {
            return Maximum == long.MaxValue
                ? $"{Name} must be at least {Minimum}, not {value}"
                : $"{Name} must be between {Minimum} and {Maximum}, not {value}";
        }

        return Kind == FieldKind.Date && !IsCalendarDate(value) ? $"{Name} {value} is not a calendar date (YYYYMMDD)" : null;
    }

    /// <summary>Why <paramref name="text"/> does not fit this text field, or null.</summary>
    public string? CheckText(string? text)
    {
        if (IsNumeric)
        {
            return $"{Name} is a numeric field";
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return $"{Name} is empty";
        }

        if (text.Length > Maximum)
        {
            return $"{Name} is longer than {Maximum} characters";
        }

        return text.Any(char.IsControl) ? $"{Name} contains a control character" : null;
    }

    /// <summary>Reads a cell of a numeric field: optional '-' and ASCII digits only, so "1,000", "1e3" and " 7" are refused.</summary>
    internal string? ParseNumber(string raw, out long value)
    {
        value = 0;
        if (raw.Length == 0)
        {
            return $"{Name} is empty";
        }

        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            var shown = raw.Length > 24 ? raw[..24] + "…" : raw;
            return Kind == FieldKind.Date
                ? $"{Name} '{shown}' is not a date written YYYYMMDD"
                : $"{Name} '{shown}' is not a whole number";
        }

        return CheckNumber(value);
    }

    private static bool IsCalendarDate(long yyyymmdd)
    {
        var year = (int)(yyyymmdd / 10000);
        var month = (int)(yyyymmdd / 100 % 100);
        var day = (int)(yyyymmdd % 100);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}
