using System.Globalization;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Registry.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Registry:Retention";
    public const int MaxDaysAfterLastCampaign = 3650;

    private static readonly string[] TimeOfDayFormats = ["HH:mm", "H:mm"];

    /// <summary>How long the registry keeps a person's data after the last campaign concerning them has ended.</summary>
    public int DaysAfterLastCampaign { get; set; } = 365;

    /// <summary>Whether this instance runs the purge every day; the <c>purge</c> verb works either way.</summary>
    public bool DailyPurge { get; set; } = true;

    /// <summary>When the daily purge runs, as <c>HH:mm</c> in Europe/Paris local time.</summary>
    public string PurgeTimeOfDay { get; set; } = "03:30";

    public static bool TryParseTimeOfDay(string? text, out TimeOnly timeOfDay) =>
        TimeOnly.TryParseExact(text, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out timeOfDay);
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.DaysAfterLastCampaign is < 1 or > RetentionOptions.MaxDaysAfterLastCampaign)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{RetentionOptions.Section}:DaysAfterLastCampaign must be between 1 and {RetentionOptions.MaxDaysAfterLastCampaign} days (it is {options.DaysAfterLastCampaign})."));
        }

        if (!RetentionOptions.TryParseTimeOfDay(options.PurgeTimeOfDay, out _))
        {
            failures.Add($"{RetentionOptions.Section}:PurgeTimeOfDay must be a time of day written HH:mm, such as 03:30 (Europe/Paris time), not '{options.PurgeTimeOfDay}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
