using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.MyAccount;

/// <summary>New recovery codes replace the old ones; they are shown on this response only.</summary>
public sealed class RecoveryCodesModel(UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    public int CodesLeft { get; private set; }

    public IReadOnlyList<string> NewCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        CodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        NewCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, StaffAccounts.RecoveryCodeCount))?.ToList() ?? [];
        CodesLeft = NewCodes.Count;
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.RecoveryCodesRegenerated, StaffActor.Of(HttpContext), user.Id), HttpContext.RequestAborted);
        return Page();
    }
}
