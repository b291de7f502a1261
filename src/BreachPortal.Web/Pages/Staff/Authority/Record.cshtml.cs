using BreachPortal.Web.Authority;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Authority;

/// <summary>One incident's record for the CNIL: every item of the form, the 72-hour clock and the notifications made.</summary>
public sealed class RecordModel(AuthorityRecords records) : PageModel
{
    public AuthorityRecordView View { get; private set; } = null!;

    /// <summary>After the edit or notification page's redirect: "saved", "unchanged" or "notification".</summary>
    public string? Done { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string? done)
    {
        var view = await records.FindAsync(reference, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Done = done is "saved" or "unchanged" or "notification" ? done : null;
        CanEdit = User.IsInRole(StaffRoles.Operator);
        return Page();
    }
}
