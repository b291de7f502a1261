using System.Globalization;
using System.Text;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Authority;

/// <summary>
/// The Art. 33 report of an incident, as it stands now or as sent with one notification (its snapshot): a page made
/// to be printed or saved as PDF, and the same report as JSON. Every reading and export is audited.
/// </summary>
public sealed class Art33Model(PortalDbContext db, Art33Reports reports, AuthorityNotifications notifications, AuditLog audit, TimeProvider time) : PageModel
{
    public Art33Report Report { get; private set; } = null!;

    /// <summary>The notification whose report is shown; null for the report as it stands now.</summary>
    public AuthorityNotification? Notification { get; private set; }

    public AuthorityClock Clock => ClockOf(Report);

    public async Task<IActionResult> OnGetAsync(string reference, int? notification)
    {
        if (!await LoadAsync(reference, notification))
        {
            return NotFound();
        }

        await AuditAsync(AuditEventType.Art33ReportViewed);
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(string reference, int? notification)
    {
        if (!await LoadAsync(reference, notification))
        {
            return NotFound();
        }

        await AuditAsync(AuditEventType.Art33ReportExported);
        var suffix = Notification is { } sent
            ? string.Create(CultureInfo.InvariantCulture, $"notification-{sent.Id}-{sent.SentAt.UtcDateTime:yyyyMMdd}")
            : time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        Response.Headers.ContentDisposition = $"attachment; filename=\"art33-{Report.IncidentReference}-{suffix}.json\"";
        return Content(Report.ToJson(), "application/json", Encoding.UTF8);
    }

    /// <summary>The clock as the report saw it when it was generated.</summary>
    public static AuthorityClock ClockOf(Art33Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Timeliness;
        var remaining = t.State is AuthorityClockState.Running or AuthorityClockState.Overdue && t.Deadline is { } deadline
            ? deadline - report.GeneratedAt
            : (TimeSpan?)null;
        return new AuthorityClock(t.State, t.Deadline, remaining, t.State == AuthorityClockState.Late && t.LateReason is not null);
    }

    private async Task<bool> LoadAsync(string reference, int? notification)
    {
        var incident = await db.Incidents.AsNoTracking().FindByReferenceAsync(reference, HttpContext.RequestAborted);
        if (incident is null)
        {
            return false;
        }

        if (notification is { } id)
        {
            Notification = await notifications.FindAsync(incident.Id, id, HttpContext.RequestAborted);
            if (Notification is null)
            {
                return false;
            }

            Report = Art33Report.FromJson(Notification.Snapshot);
            return true;
        }

        Report = await reports.BuildAsync(incident, HttpContext.RequestAborted);
        return true;
    }

    private async Task AuditAsync(AuditEventType type) =>
        await audit.AppendAsync(
            new AuditEntry(type, StaffActor.Of(HttpContext))
            {
                SubjectType = AuditSubjects.Incident,
                SubjectId = Report.IncidentReference,
                Detail = Notification is { } sent ? string.Create(CultureInfo.InvariantCulture, $"notification={sent.Id}") : "current",
            },
            HttpContext.RequestAborted);
}
