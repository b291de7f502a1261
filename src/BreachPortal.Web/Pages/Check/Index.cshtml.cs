using BreachPortal.Web.Checks;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Checks.Contacts;
using BreachPortal.Web.Checks.Sessions;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Registry.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Check;

/// <summary>
/// "Was I affected?": a person types an email address or a mobile number and is sent a code if we hold it. The
/// answer to the form is the same page, and the same work, whether or not the contact is known: the page never
/// looks it up (the background worker does) and touches no database, so neither its content nor its timing tells.
/// </summary>
[CitizenRateLimit(AbuseCounters.Check)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(IOptions<CheckOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The published incidents, for their DPO contacts; only on the GET, which does not depend on a contact.</summary>
    public IReadOnlyList<Incident>? Incidents { get; private set; }

    /// <summary>The contact a code may have been sent to, masked; set once a well-formed contact was submitted.</summary>
    public string? SentTo { get; private set; }

    public CheckOptions Settings => options.Value;

    public async Task OnGetAsync([FromServices] PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var incidents = await db.Incidents.AsNoTracking().ToListAsync(cancellationToken);
        Incidents = [.. incidents.OrderByDescending(i => i.Disclosed.At ?? i.Started.At ?? DateTimeOffset.MinValue).ThenBy(i => i.Reference, StringComparer.Ordinal)];
    }

    public IActionResult OnPost(
        [FromServices] BlindIndex blindIndex,
        [FromServices] ContactRateLimiter contactLimiter,
        [FromServices] AbuseCounters counters,
        [FromServices] CheckRequests requests,
        [FromServices] IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(blindIndex);
        ArgumentNullException.ThrowIfNull(contactLimiter);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(requests);
        var (contact, errorKey) = CheckContact.Parse(Input.Contact);
        Input.Contact = null;
        if (contact is null)
        {
            ModelState.AddModelError("Input.Contact", text[errorKey!, CheckContact.MaxLength]);
            return Page();
        }

        var index = blindIndex.Compute(contact.Kind, contact.Normalized);
        if (contactLimiter.TryAcquire(index) is { } wait)
        {
            counters.Hit(AbuseCounters.Contact);
            CitizenRateLimiting.SetRetryAfter(Response, wait);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        requests.Enqueue(new CheckRequest(contact.Kind, index, PortalCultures.LanguageTag(System.Globalization.CultureInfo.CurrentUICulture)));
        PendingCheck.Write(HttpContext, protection, new PendingCheck(contact.Kind, index, contact.Masked), options.Value.CodeLifetime);
        SentTo = contact.Masked;
        return Page();
    }

    public sealed class InputModel
    {
        public string? Contact { get; set; }
    }
}
