using System.Globalization;

namespace BreachPortal.Web.Registry.Normalisation;

public enum DateOfBirthReason
{
    Empty,
    UnrecognisedFormat,
    NotADate,
    InTheFuture,
    TooOld,
}

/// <summary>Date of birth as <c>YYYY-MM-DD</c>, read from ISO or French day-first forms (<c>/</c>, <c>-</c> or <c>.</c>).</summary>
public static class DateOfBirth
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static Normalized<DateOfBirthReason> Normalize(string? input, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(DateOfBirthReason.Empty);
        }

        if (!TryReadParts(input.Trim(), out var year, out var month, out var day))
        {
            return Fail(DateOfBirthReason.UnrecognisedFormat);
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1)
        {
            return Fail(DateOfBirthReason.NotADate);
        }

        var date = new DateOnly(year, month, day);
        if (date > today)
        {
            return Fail(DateOfBirthReason.InTheFuture);
        }

        return date < Earliest
            ? Fail(DateOfBirthReason.TooOld)
            : new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    public static string DescribeInEnglish(DateOfBirthReason reason) => reason switch
    {
        DateOfBirthReason.Empty => "The date of birth is missing.",
        DateOfBirthReason.UnrecognisedFormat => "The date of birth is not written as YYYY-MM-DD or DD/MM/YYYY.",
        DateOfBirthReason.NotADate => "The date of birth does not exist in the calendar.",
        DateOfBirthReason.InTheFuture => "The date of birth is in the future.",
        DateOfBirthReason.TooOld => "The date of birth is before 1900.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    // Day-first forms allow one-digit days and months, as spreadsheets often write them; the year always has 4 digits.
    private static bool TryReadParts(string text, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
        {
            return TryDigits(text.AsSpan(0, 4), out year)
                && TryDigits(text.AsSpan(5, 2), out month)
                && TryDigits(text.AsSpan(8, 2), out day);
        }

        var separator = text.FirstOrDefault(c => c is '/' or '-' or '.');
        if (separator == default)
        {
            return false;
        }

        var parts = text.Split(separator);
        return parts.Length == 3
            && parts[0].Length is 1 or 2 && TryDigits(parts[0], out day)
            && parts[1].Length is 1 or 2 && TryDigits(parts[1], out month)
            && parts[2].Length == 4 && TryDigits(parts[2], out year);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return text.Length > 0;
    }

    private static Normalized<DateOfBirthReason> Fail(DateOfBirthReason reason) => new(null, reason);
}
