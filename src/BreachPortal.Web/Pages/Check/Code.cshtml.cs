using BreachPortal.Web.Checks;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Checks.Sessions;
using BreachPortal.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Check;

/// <summary>
/// The code sent by <c>/check</c>. Wrong, expired, used, replaced or past its attempts: one message for all, so the
/// answer tells nothing about the contact. The right code opens a results session for a fixed time.
/// </summary>
[CitizenRateLimit(AbuseCounters.Code)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class CodeModel(IDataProtectionProvider protection, IOptions<CheckOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string MaskedContact { get; private set; } = "";

    /// <summary>The request this code answers is gone (expired, or the cookie was lost): the person starts again.</summary>
    public bool Expired { get; private set; }

    public int CodeMinutes => (int)Math.Round(options.Value.CodeLifetime.TotalMinutes);

    public IActionResult OnGet()
    {
        if (PendingCheck.Read(HttpContext, protection) is not { } pending)
        {
            return RedirectToPage("/Check/Index");
        }

        MaskedContact = pending.Masked;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] OneTimeCodes codes, [FromServices] CheckSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(sessions);
        var typed = Input.Code;
        Input.Code = null;
        if (PendingCheck.Read(HttpContext, protection) is not { } pending)
        {
            Expired = true;
            return Page();
        }

        MaskedContact = pending.Masked;
        if (OneTimeCodes.Normalize(typed) is not { } code)
        {
            ModelState.AddModelError("Input.Code", text["Check.Code.Error.Format"]);
            return Page();
        }

        if (await codes.RedeemAsync(pending.ContactIndex, code, cancellationToken) is not { } personIds)
        {
            ModelState.AddModelError("Input.Code", text["Check.Code.Error.Invalid", options.Value.MaxAttempts, CodeMinutes]);
            return Page();
        }

        await sessions.OpenAsync(HttpContext, personIds, pending.Kind, pending.Masked, cancellationToken);
        PendingCheck.Clear(HttpContext);
        return new SeeOtherResult(Url.Page("/Check/Result")!);
    }

    public sealed class InputModel
    {
        public string? Code { get; set; }
    }
}
