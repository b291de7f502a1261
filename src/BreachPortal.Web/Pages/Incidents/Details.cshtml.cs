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

        var incident = await db.Incidents.AsNoTracking().FindByReferenceAsync(reference, cancellationToken);
        if (incident is null)
        {
            return NotFound();
        }

        if (!string.Equals(reference, incident.Reference, StringComparison.Ordinal))
        {
            return RedirectToPagePermanent(pageName: null, routeValues: new { reference = incident.Reference });
        }

        Incident = incident;
        return Page();
    }
}
