using BreachPortal.Web.Checks;
using BreachPortal.Web.Checks.Results;
using BreachPortal.Web.Checks.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Pages.Check;

/// <summary>
/// What a person who typed the right code may see, until their session ends: the incidents that concern the people
/// who held the contact, what each exposed of theirs and the messages we sent them. Only the masked contact shows.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ResultModel(CheckSessions sessions, IOptions<CheckOptions> options) : PageModel
{
    public int SessionMinutes => (int)Math.Round(options.Value.SessionLifetime.TotalMinutes);

    public CheckSession? Session { get; private set; }

    public IReadOnlyList<CitizenIncident> Incidents { get; private set; } = [];

    /// <summary>The visitor has just ended their session (and it is gone).</summary>
    public bool Ended { get; private set; }

    public async Task OnGetAsync(bool ended, [FromServices] CitizenRecords records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        Session = await sessions.CurrentAsync(HttpContext, cancellationToken);
        if (Session is null)
        {
            Ended = ended;
            return;
        }

        Incidents = await records.ForAsync(Session.PersonIds, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken)
    {
        await sessions.EndAsync(HttpContext, cancellationToken);
        return new SeeOtherResult(Url.Page("/Check/Result", new { ended = "true" })!);
    }
}
