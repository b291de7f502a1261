using System.Globalization;
using BreachPortal.Web.Checks;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Staff.Citizens;

/// <summary>How often the citizen pages' limits refused someone, and the limits as configured; the reading is audited.</summary>
public sealed class LimitsModel(AbuseSummary summary, IOptions<CheckOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Limit name (<see cref="AbuseCounters"/>) → the suffix of its resource keys.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AbuseCounters.Check] = "Check",
        [AbuseCounters.Contact] = "Contact",
        [AbuseCounters.Code] = "Code",
        [AbuseCounters.Verify] = "Verify",
        [AbuseCounters.Report] = "Report",
        [AbuseCounters.QueueFull] = "QueueFull",
    };

    public IReadOnlyList<AbuseLine> Lines { get; private set; } = [];

    public bool Enabled => options.Value.RateLimits.Enabled;

    public async Task OnGetAsync() =>
        Lines = await summary.ReadAsync(StaffActor.Of(HttpContext), HttpContext.RequestAborted);

    public static string KeyOf(string limit) => Keys.TryGetValue(limit, out var key) ? key : limit;

    /// <summary>The limit as configured, in words: "20 per 10 minutes per client address".</summary>
    public string Configured(string limit)
    {
        var culture = CultureInfo.CurrentCulture;
        var settings = options.Value;
        if (limit == AbuseCounters.QueueFull)
        {
            return text["Staff.Citizens.Limits.Queue", settings.QueueCapacity.ToString("N0", culture)];
        }

        var window = CitizenRateLimiting.WindowOf(settings.RateLimits, limit);
        return text[
            limit == AbuseCounters.Contact ? "Staff.Citizens.Limits.PerContact" : "Staff.Citizens.Limits.PerClient",
            window.PermitLimit.ToString("N0", culture),
            Duration(window.Window)];
    }

    private string Duration(TimeSpan window)
    {
        var culture = CultureInfo.CurrentCulture;
        if (window.Ticks % TimeSpan.TicksPerHour == 0)
        {
            var hours = (long)window.TotalHours;
            return hours == 1 ? text["Staff.Citizens.Limits.Hour"] : text["Staff.Citizens.Limits.Hours", hours.ToString(culture)];
        }

        if (window.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            var minutes = (long)window.TotalMinutes;
            return minutes == 1 ? text["Staff.Citizens.Limits.Minute"] : text["Staff.Citizens.Limits.Minutes", minutes.ToString(culture)];
        }

        return text["Staff.Citizens.Limits.Seconds", ((long)Math.Ceiling(window.TotalSeconds)).ToString(culture)];
    }
}
