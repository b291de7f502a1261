using System.ComponentModel.DataAnnotations;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Account;

/// <summary>First step of every staff sign-in: the password. The second factor always follows.</summary>
public sealed class SignInModel(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AuditLog audit,
    SignInRefusals refusals,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Notice { get; private set; }

    public void OnGet(string? session, string? ended)
    {
        Notice = session == "rejected" ? "Staff.SignIn.SessionRejected"
            : ended switch
            {
                "signed-out" => "Staff.SignIn.SignedOut",
                "password" => "Staff.SignIn.PasswordChanged",
                "code-expired" => "Staff.SignIn.CodeStepExpired",
                _ => null,
            };
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            await audit.AppendAsync(new AuditEntry(AuditEventType.SignInFailed, StaffActor.Of(HttpContext)) { Detail = $"unknown account {Mask.Email(Input.Email)}" }, HttpContext.RequestAborted);
            return Refuse("Staff.SignIn.Failed");
        }

        var actor = StaffActor.Attempting(HttpContext, user);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { returnUrl });
        }

        if (result.Succeeded)
        {
            // Cannot happen with StaffSignInManager; if it ever did, no session without a second factor.
            await signIn.SignOutAsync();
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInRefused, actor, user.Id, "no second factor"), HttpContext.RequestAborted);
            return Refuse("Staff.SignIn.Failed");
        }

        if (await refusals.LockedOutAsync(result, actor, user.Id, HttpContext.RequestAborted) is { } lockedOut)
        {
            return Refuse(lockedOut);
        }

        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, Input.Password))
        {
            var reason = user.IsDisabled ? "account disabled" : "enrolment not finished";
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInRefused, actor, user.Id, reason), HttpContext.RequestAborted);
            return Refuse(user.IsDisabled ? "Staff.SignIn.Disabled" : "Staff.SignIn.NotEnrolled");
        }

        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInFailed, actor, user.Id, "wrong password"), HttpContext.RequestAborted);
        return Refuse("Staff.SignIn.Failed");
    }

    private PageResult Refuse(string key) => Refuse(text[key]);

    private PageResult Refuse(LocalizedString message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = "";
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [EmailAddress(ErrorMessage = "Staff.Field.Email")]
        [StringLength(254, ErrorMessage = "Staff.Field.TooLong")]
        [Display(Name = "Staff.Field.EmailLabel")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Staff.Field.Required")]
        [StringLength(512, ErrorMessage = "Staff.Field.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Staff.Field.PasswordLabel")]
        public string Password { get; set; } = "";
    }
}
