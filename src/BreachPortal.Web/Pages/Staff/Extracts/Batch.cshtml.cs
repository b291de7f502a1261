using System.Text;
using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Registry.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Extracts;

/// <summary>One import: its state and figures, the reasons lines were turned away (counted), and the reject report.</summary>
public sealed class BatchModel(PortalDbContext db, RejectReport report, TimeProvider time) : PageModel
{
    public const int ReasonRows = 30;

    public ImportBatch Batch { get; private set; } = null!;

    public string IncidentReference { get; private set; } = "";

    public ImportProgress Progress { get; private set; } = null!;

    public IReadOnlyList<(string Field, string Reason, long Count)> Reasons { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Set<ImportBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        Batch = batch;
        Progress = ImportProgress.Of(batch, time.GetUtcNow());
        IncidentReference = await db.Incidents.Where(i => i.Id == batch.IncidentId).Select(i => i.Reference).SingleAsync(cancellationToken);
        var reasons = await db.Set<ImportReject>().AsNoTracking()
            .Where(r => r.BatchId == id)
            .GroupBy(r => new { r.Field, r.Reason })
            .Select(g => new { g.Key.Field, g.Key.Reason, Count = g.LongCount() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Field)
            .Take(ReasonRows)
            .ToListAsync(cancellationToken);
        Reasons = [.. reasons.Select(r => (r.Field, r.Reason, r.Count))];
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        Response.ForbidStoring();
        return await db.Set<ImportBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is { } batch
            ? new JsonResult(ImportProgressJson.Of(batch, time.GetUtcNow()))
            : NotFound();
    }

    /// <summary>Streamed from the database: a file of millions of bad lines is never built in memory.</summary>
    public async Task<IActionResult> OnGetRejectsAsync(long id, [FromServices] Microsoft.Extensions.Localization.IStringLocalizer<BreachPortal.Web.Localization.SharedResource> t, CancellationToken cancellationToken)
    {
        if (!await db.Set<ImportBatch>().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-rejects.csv\"";
        Response.ForbidStoring();
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await report.WriteAsync(id, writer, [t["Staff.Imports.Column.Line"], t["Staff.Imports.Column.Field"], t["Staff.Imports.Column.Reason"], t["Staff.Imports.Column.SameAs"]], cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }
}
