using System.ComponentModel.DataAnnotations;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Account;

/// <summary>Second step without the phone: one of the ten recovery codes, each usable once.</summary>
public sealed class SignInRecoveryModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AuditLog audit,
    SignInRefusals refusals) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ended = "code-expired" }) : Page();

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn", new { ended = "code-expired" });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var actor = StaffActor.Attempting(HttpContext, user);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.RecoveryCodeUsed, actor, user.Id, $"{left} recovery codes left"), HttpContext.RequestAborted);
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInSucceeded, actor, user.Id, "password and recovery code"), HttpContext.RequestAborted);
            return LocalRedirect(StaffRedirects.Safe(Url, returnUrl));
        }

        var message = await refusals.SecondFactorAsync(
            result, AuditEntry.AboutStaff(AuditEventType.SecondFactorFailed, actor, user.Id, "recovery code refused"), "Staff.Recovery.Wrong",
            actor, user.Id, HttpContext.RequestAborted);
        ModelState.AddModelError(string.Empty, message);
        Input.Code = "";
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [StringLength(40, ErrorMessage = "Staff.Field.TooLong")]
        [Display(Name = "Staff.Recovery.Label")]
        public string Code { get; set; } = "";
    }
}
