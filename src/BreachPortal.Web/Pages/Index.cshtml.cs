using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages;

public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var incidents = await db.Incidents.AsNoTracking().ToListAsync(cancellationToken);
        Incidents = incidents
            .OrderByDescending(i => i.Disclosed.At ?? i.Started.At ?? DateTimeOffset.MinValue)
            .ThenBy(i => i.Reference, StringComparer.Ordinal)
            .ToList();
    }
}
