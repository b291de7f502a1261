using BreachPortal.Web.Authority;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Authority;

/// <summary>Every incident against the 72 hours of Art. 33, with its notifications to the CNIL; for Operators and the CNIL liaison.</summary>
public sealed class IndexModel(AuthorityRecords records) : PageModel
{
    public IReadOnlyList<AuthorityIncidentSummary> Incidents { get; private set; } = [];

    public async Task OnGetAsync() =>
        Incidents = await records.ListAsync(StaffActor.Of(HttpContext), HttpContext.RequestAborted);
}
