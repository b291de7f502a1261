using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Checks.Verify;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Verify;

/// <summary>
/// Anyone checks the reference code printed in a message: whether we sent it, when, how and about what. The answer
/// never says anything about the person it went to, so a code found on someone else's phone reveals nothing.
/// </summary>
[CitizenRateLimit(AbuseCounters.Verify)]
public sealed class IndexModel(MessageVerification verification, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int CodeMaxLength = 40;

    [BindProperty]
    public string? Code { get; set; }

    public MessageVerificationResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.ForbidStoring();
        var result = await verification.VerifyAsync(Code, HttpContext.RequestAborted);
        if (result.Outcome == VerificationOutcome.Malformed)
        {
            ModelState.AddModelError(nameof(Code), Problem(Code));
            return Page();
        }

        // The form below the answer is for the next code.
        Code = null;
        ModelState.Clear();
        Result = result;
        return Page();
    }

    /// <summary>What is wrong with something that is not a reference code, in the visitor's words.</summary>
    private string Problem(string? typed)
    {
        var symbols = (typed ?? "").Where(c => c is not (' ' or '-' or '\t')).ToList();
        if (symbols.Count == 0)
        {
            return text["Verify.Error.Required"];
        }

        // Crockford's alphabet leaves U out; O, I and L are read as digits.
        if (symbols.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) || char.ToUpperInvariant(c) == 'U') is var wrong and not '\0')
        {
            return text["Verify.Error.Character", wrong];
        }

        // The code our check page sends is also called a verification code: it is not what this page checks.
        if (symbols.Count == OneTimeCodes.Digits && symbols.All(char.IsAsciiDigit))
        {
            return text["Verify.Error.OneTimeCode"];
        }

        return text["Verify.Error.Length", Math.Min(symbols.Count, CodeMaxLength)];
    }
}
