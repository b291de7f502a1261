using System.Globalization;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Pages.Staff.Authority;

/// <summary>What is wrong with a typed value; the names are those of the record form's error texts.</summary>
public enum AuthorityFormProblem
{
    DateInvalid = 1,
    TimeInvalid = 2,

    /// <summary>The local time does not exist in Paris that day (the clocks went forward).</summary>
    TimeSkipped = 3,

    /// <summary>Not one of the answers the form offers.</summary>
    Choice = 4,

    /// <summary>"Not known yet" ticked together with answers.</summary>
    UnknownAndItems = 5,

    Number = 6,
}

/// <param name="Field">The form field, as named below <c>Input.</c> (on the record form, also the item's name).</param>
/// <param name="Problem">What is wrong with what was typed in it.</param>
public sealed record AuthorityFormError(string Field, AuthorityFormProblem Problem)
{
    public override string ToString() => $"{Field}: {Problem}";
}

/// <summary>
/// Reads what the authority forms post, kept as typed so that a refused form shows every value back, into the
/// record's types. A value it cannot read comes back unknown and leaves an error naming its field: every error of a
/// form is collected at once, and the page words each one beside its field.
/// </summary>
public sealed class AuthorityFormBinder
{
    /// <summary>The forms' value for "not known yet" in radio and checkbox groups.</summary>
    public const string Unknown = "unknown";

    public const string Yes = "yes";

    public const string No = "no";

    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    private readonly List<AuthorityFormError> _errors = [];

    public IReadOnlyList<AuthorityFormError> Errors => _errors;

    /// <summary>One answer out of an enum's names; empty or "not known yet" is null.</summary>
    public TEnum? Choice<TEnum>(string field, string? value)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value) || value == Unknown)
        {
            return null;
        }

        return Required<TEnum>(field, value);
    }

    /// <summary>One answer out of an enum's names, which must be given.</summary>
    public TEnum? Required<TEnum>(string field, string? value)
        where TEnum : struct, Enum
    {
        if (value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(value);
        }

        return Refuse<TEnum?>(field, AuthorityFormProblem.Choice, null);
    }

    /// <summary>Yes, no, or not known yet (null).</summary>
    public bool? Answer(string field, string? value) => value switch
    {
        null or "" or Unknown => null,
        Yes => true,
        No => false,
        _ => Refuse<bool?>(field, AuthorityFormProblem.Choice, null),
    };

    /// <summary>Ticked single flags; "not known yet" alone (or nothing known) is null.</summary>
    public TFlags? Flags<TFlags>(string field, IReadOnlyCollection<string> values)
        where TFlags : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.Where(v => v != Unknown).ToList();
        if (known.Count < values.Count)
        {
            return known.Count > 0 ? Refuse<TFlags?>(field, AuthorityFormProblem.UnknownAndItems, null) : null;
        }

        long bits = 0;
        foreach (var value in known)
        {
            var flag = AuthorityRecordLabels.All<TFlags>().FirstOrDefault(f => f.ToString() == value);
            var bit = Convert.ToInt64(flag, CultureInfo.InvariantCulture);
            if (bit == 0)
            {
                return Refuse<TFlags?>(field, AuthorityFormProblem.Choice, null);
            }

            bits |= bit;
        }

        return (TFlags)Enum.ToObject(typeof(TFlags), bits);
    }

    /// <summary>A whole number, thousands separated by spaces or not; empty is null.</summary>
    public long? Number(string field, string? value)
    {
        var digits = value?.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(digits))
        {
            return null;
        }

        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : Refuse<long?>(field, AuthorityFormProblem.Number, null);
    }

    /// <param name="field">The date's field.</param>
    /// <param name="precision">A <see cref="DatePrecision"/> name; anything else is not known yet.</param>
    /// <param name="date">yyyy-MM-dd in Paris time; for a month or a year, any day of it.</param>
    /// <param name="time">HH:mm or HH:mm:ss in Paris time, for an exact date only.</param>
    public IncidentDate Date(string field, string? precision, string? date, string? time)
    {
        if (!Enum.TryParse<DatePrecision>(precision, out var parsed) || !Enum.IsDefined(parsed) || parsed == DatePrecision.Unknown)
        {
            return IncidentDate.Unknown;
        }

        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Refuse(field, AuthorityFormProblem.DateInvalid, IncidentDate.Unknown);
        }

        switch (parsed)
        {
            case DatePrecision.Year:
                return IncidentDate.Year(day.Year);
            case DatePrecision.Month:
                return IncidentDate.Month(day.Year, day.Month);
            case DatePrecision.Day:
                return IncidentDate.Day(day.Year, day.Month, day.Day);
        }

        if (!TimeOnly.TryParseExact(time?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var hour))
        {
            return Refuse(field, AuthorityFormProblem.TimeInvalid, IncidentDate.Unknown);
        }

        return InParis(field, day.ToDateTime(hour, DateTimeKind.Unspecified)) is { } instant ? IncidentDate.Exact(instant) : IncidentDate.Unknown;
    }

    /// <summary>A date and time as typed in Paris time, in one of <paramref name="formats"/>, as an instant.</summary>
    public DateTimeOffset? Instant(string field, string? value, string[] formats)
    {
        if (!DateTime.TryParseExact(value?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Refuse<DateTimeOffset?>(field, AuthorityFormProblem.TimeInvalid, null);
        }

        return InParis(field, DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
    }

    private DateTimeOffset? InParis(string field, DateTime local)
    {
        if (IncidentDate.ParisTime.IsInvalidTime(local))
        {
            return Refuse<DateTimeOffset?>(field, AuthorityFormProblem.TimeSkipped, null);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, IncidentDate.ParisTime), TimeSpan.Zero);
    }

    private T Refuse<T>(string field, AuthorityFormProblem problem, T unknown)
    {
        _errors.Add(new AuthorityFormError(field, problem));
        return unknown;
    }
}
