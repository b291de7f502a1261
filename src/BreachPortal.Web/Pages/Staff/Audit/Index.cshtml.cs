using System.Globalization;
using System.Text;
using BreachPortal.Web.Data;
using BreachPortal.Web.Exports;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Audit;

/// <summary>The audit log for auditors: newest first, filtered, paged by id, exported as CSV (which is itself audited).</summary>
public sealed class IndexModel(PortalDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public static IReadOnlyList<string> CsvColumns { get; } =
        ["id", "occurred_at_utc", "type", "type_code", "actor_id", "actor", "subject_type", "subject_id", "detail", "client_address", "previous_hash", "hash"];

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    /// <summary>Show events with an id below this one (the next page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = Filter.Apply(db.Set<AuditEvent>().AsNoTracking());
        if (Before is { } before)
        {
            query = query.Where(e => e.Id < before);
        }

        var events = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(HttpContext.RequestAborted);
        NextBefore = events.Count > PageSize ? events[PageSize - 1].Id : null;
        Events = events.Take(PageSize).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!ModelState.IsValid)
        {
            return await OnGetAsync();
        }

        // Audited before the file is written: an export that fails half-way was still attempted.
        await audit.AppendAsync(new AuditEntry(AuditEventType.AuditLogExported, StaffActor.Of(HttpContext)) { SubjectType = AuditSubjects.Audit, Detail = Filter.Describe() }, HttpContext.RequestAborted);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var csv = new SafeCsv(writer);
        await csv.WriteRowAsync(CsvColumns);
        await foreach (var e in Filter.Apply(db.Set<AuditEvent>().AsNoTracking()).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(HttpContext.RequestAborted))
        {
            await csv.WriteRowAsync(
            [
                e.Id.ToString(CultureInfo.InvariantCulture),
                e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                e.Type.ToString(),
                ((int)e.Type).ToString(CultureInfo.InvariantCulture),
                e.ActorId?.ToString("D"),
                e.Actor,
                // As stored, legacy spelling included: the hash on the same line covers exactly these characters.
                e.SubjectType,
                e.SubjectId,
                e.Detail,
                e.ClientAddress,
                Convert.ToHexStringLower(e.PreviousHash),
                Convert.ToHexStringLower(e.Hash),
            ]);
        }

        return new EmptyResult();
    }
}
