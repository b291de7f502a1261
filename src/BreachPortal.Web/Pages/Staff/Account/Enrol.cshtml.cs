using System.ComponentModel.DataAnnotations;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Staff.Account;

/// <summary>
/// The enrolment link: choose a password, register an authenticator app by QR code or key, confirm one code,
/// then read the ten recovery codes once. The link stays usable until the code is confirmed, then never again.
/// </summary>
public sealed class EnrolModel(
    StaffAccounts accounts,
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    AuditLog audit,
    AuthenticatorCheck check,
    IOptions<PortalOptions> portal,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public EnrolStep Step { get; private set; } = EnrolStep.Password;

    public InvitationState? Refusal { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    [BindProperty]
    public CodeInput Code { get; set; } = new();

    public string AuthenticatorKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await CheckAsync() is null ? Refused() : Page();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var invitation = await CheckAsync();
        if (invitation is null)
        {
            return Refused();
        }

        KeepErrorsOf("Password.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.ChoosePasswordAsync(invitation.User!, Password.NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Password.NewPassword", error.Description);
            }

            return Page();
        }

        return await ShowAuthenticatorAsync(invitation.User!);
    }

    public async Task<IActionResult> OnPostCodeAsync()
    {
        var invitation = await CheckAsync();
        if (invitation is null)
        {
            return Refused();
        }

        var user = invitation.User!;
        if (!await users.HasPasswordAsync(user) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            return Page();
        }

        KeepErrorsOf("Code.");
        if (!ModelState.IsValid)
        {
            return await ShowAuthenticatorAsync(user);
        }

        var actor = StaffActor.Attempting(HttpContext, user);
        var codes = await accounts.ConfirmSecondFactorAsync(actor, invitation, Code.Value, HttpContext.RequestAborted);
        if (codes is null)
        {
            await audit.AppendAsync(
                AuditEntry.AboutStaff(check.LastRefusalWasReplay ? AuditEventType.SecondFactorReplayRefused : AuditEventType.SecondFactorFailed, actor, user.Id, "during enrolment"),
                HttpContext.RequestAborted);
            ModelState.AddModelError("Code.Value", text[check.LastRefusalWasReplay ? "Staff.Code.Replayed" : "Staff.Code.Wrong"]);
            Code.Value = "";
            return await ShowAuthenticatorAsync(user);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInSucceeded, actor, user.Id, "enrolment"), HttpContext.RequestAborted);
        RecoveryCodes = codes;
        Step = EnrolStep.RecoveryCodes;
        return Page();
    }

    /// <summary>Each step posts one of the two forms; the other form's empty fields are not errors.</summary>
    private void KeepErrorsOf(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<InvitationCheck?> CheckAsync()
    {
        var invitation = await accounts.CheckInvitationAsync(Token, HttpContext.RequestAborted);
        if (invitation.IsValid)
        {
            return invitation;
        }

        Refusal = invitation.State;
        var entry = new AuditEntry(AuditEventType.InvitationRefused, StaffActor.Of(HttpContext))
        {
            SubjectType = invitation.User is null ? null : AuditSubjects.Staff,
            SubjectId = invitation.User?.Id.ToString("D"),
            Detail = invitation.State.ToString(),
        };
        await audit.AppendAsync(entry, HttpContext.RequestAborted);
        return null;
    }

    private PageResult Refused()
    {
        Step = EnrolStep.Refused;
        Response.StatusCode = Refusal == InvitationState.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return Page();
    }

    private async Task<PageResult> ShowAuthenticatorAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        AuthenticatorKey = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        QrCodeDataUri = AuthenticatorQrCode.DataUri(portal.Value.AgencyName, user.Email!, key);
        Step = EnrolStep.Authenticator;
        return Page();
    }

    public enum EnrolStep
    {
        Refused,
        Password,
        Authenticator,
        RecoveryCodes,
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [StringLength(512, ErrorMessage = "Staff.Field.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Staff.Field.NewPasswordLabel")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Staff.Field.Required")]
        [Compare(nameof(NewPassword), ErrorMessage = "Staff.Field.PasswordsDiffer")]
        [DataType(DataType.Password)]
        [Display(Name = "Staff.Field.ConfirmPasswordLabel")]
        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [RegularExpression("^[0-9 -]{6,9}$", ErrorMessage = "Staff.Code.Format")]
        [Display(Name = "Staff.Code.Label")]
        public string Value { get; set; } = "";
    }
}
