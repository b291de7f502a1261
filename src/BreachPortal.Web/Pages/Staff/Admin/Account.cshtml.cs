using BreachPortal.Web.Localization;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Admin;

/// <summary>One account: its roles, and the actions an administrator may take on it, each audited.</summary>
public sealed class AccountModel(StaffAccounts accounts, UserManager<StaffUser> users, IStringLocalizer<SharedResource> text) : PageModel
{
    public string MaskedEmail { get; private set; } = "";

    public string State { get; private set; } = "";

    public bool IsSelf { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public RolesInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(Guid id) =>
        ActAsync(id, "Staff.Admin.RolesSaved", () => accounts.SetRolesAsync(StaffActor.Of(HttpContext), id, Input.Roles, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostDisableAsync(Guid id) =>
        ActAsync(id, "Staff.Admin.Disabled", () => accounts.DisableAsync(StaffActor.Of(HttpContext), id, DisableReason.Administrator, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostEnableAsync(Guid id) =>
        ActAsync(id, "Staff.Admin.Enabled", () => accounts.EnableAsync(StaffActor.Of(HttpContext), id, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostResetSecondFactorAsync(Guid id) =>
        ActAsync(id, "Staff.Admin.SecondFactorReset", () => accounts.ResetSecondFactorAsync(StaffActor.Of(HttpContext), id, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostResendInvitationAsync(Guid id) =>
        ActAsync(id, "Staff.Admin.Invited", () => accounts.ResendInvitationAsync(StaffActor.Of(HttpContext), id, HttpContext.RequestAborted));

    private async Task<IActionResult> ActAsync(Guid id, string success, Func<Task<AccountResult>> action)
    {
        var result = await action();
        if (result.Succeeded)
        {
            TempData["Staff.Notice"] = success;
            return RedirectToPage(new { id });
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, text[result.ErrorKey!]);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return false;
        }

        MaskedEmail = Mask.Email(user.Email);
        State = StaffAccountState.Of(user, DateTimeOffset.UtcNow);
        CreatedAt = user.CreatedAt;
        IsSelf = StaffActor.Id(User) == user.Id;
        Input = new RolesInput { Roles = [.. await users.GetRolesAsync(user)] };
        Notice = TempData["Staff.Notice"] as string;
        return true;
    }

    public sealed class RolesInput
    {
        public List<string> Roles { get; set; } = [];
    }
}
