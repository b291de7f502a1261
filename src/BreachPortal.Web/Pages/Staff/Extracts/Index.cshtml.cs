using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Extracts;

/// <summary>The upload form and the latest imports, for Operators.</summary>
public sealed class IndexModel(PortalDbContext db, UploadTickets tickets, TimeProvider time) : PageModel
{
    public const int RecentBatches = 20;

    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    public IReadOnlyList<(ImportBatch Batch, string Incident, ImportProgress Progress)> Batches { get; private set; } = [];

    public string Ticket { get; private set; } = "";

    public Guid Token { get; private set; }

    /// <summary>Set by the upload when it could not start: a key of <c>Staff.Imports.Error.*</c>.</summary>
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? error, CancellationToken cancellationToken)
    {
        Error = error is "Ticket" or "NoFile" or "NoIncident" or "UnknownIncident" or "NotMultipart" ? error : null;
        (Ticket, Token) = tickets.Issue(StaffActor.Id(User) ?? Guid.Empty);
        Incidents = await db.Incidents.AsNoTracking().OrderByDescending(i => i.Id).ToListAsync(cancellationToken);
        var references = Incidents.ToDictionary(i => i.Id, i => i.Reference);
        var now = time.GetUtcNow();
        var batches = await db.Set<ImportBatch>().AsNoTracking().OrderByDescending(b => b.Id).Take(RecentBatches).ToListAsync(cancellationToken);
        Batches = [.. batches.Select(b => (b, references.GetValueOrDefault(b.IncidentId, "?"), ImportProgress.Of(b, now)))];
    }
}
