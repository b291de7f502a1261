using System.ComponentModel.DataAnnotations;

namespace BreachPortal.Web.Staff.Guard;

public sealed class RecordViewGuardOptions
{
    public const string Section = "Staff:RecordViewGuard";

    /// <summary>Views of personal records one staff member may make in any sliding hour; the next one locks the account.</summary>
    [Range(1, 100_000)]
    public int MaxViewsPerHour { get; set; } = 60;

    public static TimeSpan Window { get; } = TimeSpan.FromHours(1);
}
