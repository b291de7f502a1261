using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.MyAccount;

/// <summary>Signing out is a POST (with its antiforgery token): a link elsewhere cannot end someone's session.</summary>
public sealed class SignOutModel(SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.AppendAsync(new AuditEntry(AuditEventType.SignedOut, StaffActor.Of(HttpContext)), HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("/Staff/Account/SignIn", new { ended = "signed-out" });
    }
}
