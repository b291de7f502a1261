using System.Globalization;
using System.Security.Cryptography;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.MyAccount;

/// <summary>
/// The staff member's own mobile number, proven by a code sent to it. The number waiting for its code travels in
/// the form, encrypted and time-limited, so the page needs no server-side state between the two steps.
/// </summary>
public sealed class PhoneModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, StaffPhones phones, IDataProtectionProvider protection, IStringLocalizer<SharedResource> text) : PageModel
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> Notices { get; } = ["verified", "removed"];

    /// <summary>The verified or unverified number on the account, masked.</summary>
    public string? CurrentPhone { get; private set; }

    public bool CurrentVerified { get; private set; }

    /// <summary>Set once a code was sent: the masked number it went to, and the form asks for the code.</summary>
    public string? PendingPhone { get; private set; }

    /// <summary>The number waiting for its code, protected.</summary>
    [BindProperty]
    public string? Pending { get; set; }

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Done = Notices.Contains(done) ? done : null;
        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Show(user);
        var outcome = await phones.SendCodeAsync(user, Number, code => text["Staff.Phone.Sms", code], StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case PhoneCodeStatus.Sent:
                Pending = Protector().Protect(outcome.Phone!, PendingLifetime);
                PendingPhone = Mask.Phone(outcome.Phone);
                break;
            case PhoneCodeStatus.Invalid:
                ModelState.AddModelError(nameof(Number), text[outcome.ErrorKey!]);
                break;
            case PhoneCodeStatus.TooSoon:
                ModelState.AddModelError(nameof(Number), text["Staff.Phone.Error.TooSoon", Math.Ceiling(outcome.RetryAfter!.Value.TotalSeconds).ToString(CultureInfo.CurrentCulture)]);
                break;
            default:
                ModelState.AddModelError(nameof(Number), text["Staff.Phone.Error.Failed"]);
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Show(user);
        var phone = Unprotect(Pending);
        if (phone is null)
        {
            Pending = null;
            ModelState.AddModelError(nameof(Number), text["Staff.Phone.Error.Expired"]);
            return Page();
        }

        switch (await phones.ConfirmAsync(user, phone, Code, StaffActor.Of(HttpContext), HttpContext.RequestAborted))
        {
            case PhoneConfirmStatus.Verified:
                // A new number changes the account's security stamp: this session is renewed, the others end.
                await signIn.RefreshSignInAsync(user);
                return RedirectToPage("/Staff/MyAccount/Phone", new { done = "verified" });
            case PhoneConfirmStatus.WrongCode:
                PendingPhone = Mask.Phone(phone);
                ModelState.AddModelError(nameof(Code), text["Staff.Phone.Error.WrongCode"]);
                return Page();
            default:
                Pending = null;
                ModelState.AddModelError(nameof(Number), text["Staff.Phone.Error.TooManyAttempts"]);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await phones.RemoveAsync(user, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("/Staff/MyAccount/Phone", new { done = "removed" });
    }

    private void Show(StaffUser user)
    {
        CurrentPhone = user.PhoneNumber is null ? null : Mask.Phone(user.PhoneNumber);
        CurrentVerified = user.PhoneNumber is not null && user.PhoneNumberConfirmed;
    }

    private ITimeLimitedDataProtector Protector() =>
        protection.CreateProtector("BreachPortal.Staff.PendingPhone", StaffActor.Id(User)?.ToString("D") ?? "").ToTimeLimitedDataProtector();

    private string? Unprotect(string? pending)
    {
        if (string.IsNullOrEmpty(pending))
        {
            return null;
        }

        try
        {
            return Protector().Unprotect(pending);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
