using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Checks.Reports;

/// <summary>What a person fills in to report a message they believe is fake.</summary>
public sealed record FakeMessageReportForm(ReportedChannel? Channel, DateOnly? ReceivedOn, string? ReferenceCode, string? Sender, string? Text);

/// <summary>Stores reports of fake messages, scrubbed, and lets staff review them (audited).</summary>
public sealed class FakeMessageReports(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public const int PageSize = 50;

    /// <returns>The stored report, or the field that is wrong and the resource key of what is wrong with it.</returns>
    public async Task<(FakeMessageReport? Report, string? Field, string? ErrorKey)> SubmitAsync(FakeMessageReportForm form, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (form.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            return (null, nameof(form.Channel), "Report.Error.Channel");
        }

        if (form.ReceivedOn is { } received && (received > today.AddDays(1) || received < today.AddYears(-2)))
        {
            return (null, nameof(form.ReceivedOn), "Report.Error.ReceivedOn");
        }

        if (string.IsNullOrWhiteSpace(form.Text))
        {
            return (null, nameof(form.Text), "Report.Error.TextRequired");
        }

        if (form.Text.Length > FakeMessageReport.DescriptionMaxLength * 2 || form.Sender?.Length > FakeMessageReport.SenderMaxLength)
        {
            return (null, form.Sender?.Length > FakeMessageReport.SenderMaxLength ? nameof(form.Sender) : nameof(form.Text), "Report.Error.TooLong");
        }

        var code = ReferenceCode.Normalize(form.ReferenceCode);
        var report = new FakeMessageReport
        {
            CreatedAt = time.GetUtcNow(),
            Channel = channel,
            ReceivedOn = form.ReceivedOn,
            ClaimedReferenceCode = code,
            ClaimedReferenceKnown = code is not null && await db.Set<Message>().AnyAsync(m => m.ReferenceCode == code, cancellationToken),
            SenderMasked = ReportScrubber.Sender(form.Sender),
            LinkHosts = ReportScrubber.LinkHosts(form.Text),
            Description = ReportScrubber.Description(form.Text),
            Language = language == "en" ? "en" : "fr",
        };
        db.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return (report, null, null);
    }

    /// <summary>Newest first, unreviewed ones before the rest; the reading is audited.</summary>
    public async Task<IReadOnlyList<FakeMessageReport>> ListAsync(int page, AuditActor actor, CancellationToken cancellationToken)
    {
        var reports = await db.Set<FakeMessageReport>().AsNoTracking()
            .OrderBy(r => r.ReviewedAt != null).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        await audit.AppendAsync(new AuditEntry(AuditEventType.FakeMessageReportsViewed, actor) { SubjectType = AuditSubjects.FakeMessageReport, Detail = $"page={page}; shown={reports.Count}" }, cancellationToken);
        return reports;
    }

    public Task<int> CountUnreviewedAsync(CancellationToken cancellationToken) =>
        db.Set<FakeMessageReport>().CountAsync(r => r.ReviewedAt == null, cancellationToken);

    /// <returns>False when there is no such report or it was already reviewed.</returns>
    public async Task<bool> MarkReviewedAsync(long id, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var changed = await db.Set<FakeMessageReport>()
            .Where(r => r.Id == id && r.ReviewedAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.ReviewedAt, now).SetProperty(x => x.ReviewedBy, actor.StaffId), cancellationToken);
        if (changed == 1)
        {
            await audit.AppendAsync(new AuditEntry(AuditEventType.FakeMessageReportReviewed, actor) { SubjectType = AuditSubjects.FakeMessageReport, SubjectId = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
        }

        return changed == 1;
    }
}
