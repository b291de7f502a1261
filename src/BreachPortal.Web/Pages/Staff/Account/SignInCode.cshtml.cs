using System.ComponentModel.DataAnnotations;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Account;

/// <summary>Second step: a code from the authenticator app, accepted once.</summary>
public sealed class SignInCodeModel(
    SignInManager<StaffUser> signIn,
    AuditLog audit,
    AuthenticatorCheck check,
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
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Input.Code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInSucceeded, actor, user.Id, "password and authenticator code"), HttpContext.RequestAborted);
            return LocalRedirect(StaffRedirects.Safe(Url, returnUrl));
        }

        var type = check.LastRefusalWasReplay ? AuditEventType.SecondFactorReplayRefused : AuditEventType.SecondFactorFailed;
        var message = await refusals.SecondFactorAsync(
            result, AuditEntry.AboutStaff(type, actor, user.Id), check.LastRefusalWasReplay ? "Staff.Code.Replayed" : "Staff.Code.Wrong",
            actor, user.Id, HttpContext.RequestAborted);
        ModelState.AddModelError(string.Empty, message);
        Input.Code = "";
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [RegularExpression("^[0-9 -]{6,9}$", ErrorMessage = "Staff.Code.Format")]
        [Display(Name = "Staff.Code.Label")]
        public string Code { get; set; } = "";
    }
}
