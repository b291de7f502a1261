using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Incidents;

public sealed class DetailsModel(PortalDbContext db) : PageModel
{
    public Incident Incident { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (reference.Length > Incident.ReferenceMaxLength)
        {
            return NotFound();
        }

        var normalized = Incident.NormalizeReference(reference);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Reference == normalized, cancellationToken);
        if (incident is null)
        {
            return NotFound();
        }

        if (!string.Equals(reference, normalized, StringComparison.Ordinal))
        {
            return RedirectToPagePermanent(pageName: null, routeValues: new { reference = normalized });
        }

        Incident = incident;
        return Page();
    }
}
