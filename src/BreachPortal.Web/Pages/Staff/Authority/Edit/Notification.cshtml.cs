using System.Globalization;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Authority.Edit;

/// <summary>
/// An Operator records a notification made to the CNIL: the initial one while there is none, complementary ones
/// after. The Art. 33 report as it stands is kept with it.
/// </summary>
public sealed class NotificationModel(PortalDbContext db, AuthorityNotifications notifications, IStringLocalizer<SharedResource> text, TimeProvider time) : PageModel
{
    /// <summary>The notice the record page shows after the redirect.</summary>
    public const string DoneNotice = "notification";

    /// <summary>The value of a datetime-local field (Paris time), to the minute.</summary>
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Reference { get; private set; } = "";

    public LocalizedText IncidentTitle { get; private set; } = new("", "");

    /// <summary>The kind this form records: initial while none was recorded, complementary after.</summary>
    public AuthorityNotificationKind Kind { get; private set; }

    /// <summary>The initial notification's time, for the hint of a complementary one.</summary>
    public DateTimeOffset? InitialSentAt { get; private set; }

    /// <summary>Now in Paris, the latest value the date field accepts.</summary>
    public string Max => IncidentDate.InParis(time.GetUtcNow()).ToString(InputFormat, CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        if (!await LoadAsync(reference))
        {
            return NotFound();
        }

        Input.Kind = Kind.ToString();
        Input.SentAt = Max;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        if (!await LoadAsync(reference))
        {
            return NotFound();
        }

        var form = new AuthorityFormBinder();
        var kind = form.Required<AuthorityNotificationKind>(nameof(InputModel.Kind), Input.Kind);
        var sentAt = form.Instant(nameof(InputModel.SentAt), Input.SentAt, InputFormats);
        foreach (var error in form.Errors)
        {
            // Each field has one text, whatever was wrong with it.
            ModelState.AddModelError($"Input.{error.Field}", text[$"Staff.Authority.Notification.Error.{error.Field}"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await notifications.RecordAsync(
            Reference,
            new AuthorityNotificationDraft(kind!.Value, sentAt!.Value, Input.AuthorityReference, Input.Changes),
            StaffActor.Of(HttpContext),
            HttpContext.RequestAborted);
        if (outcome.Problem == AuthorityNotificationProblem.IncidentNotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            // The form now offers what the history allows (after a refused initial one: a complementary one).
            await LoadAsync(reference);
            ModelState.AddModelError(FieldOf(outcome.Problem), text[$"Staff.Authority.Notification.Error.{outcome.Problem}"]);
            return Page();
        }

        return RedirectToPage("/Staff/Authority/Record", new { reference = Reference, done = DoneNotice });
    }

    private static string FieldOf(AuthorityNotificationProblem problem) => problem switch
    {
        AuthorityNotificationProblem.InitialExists or AuthorityNotificationProblem.InitialMissing => "Input.Kind",
        AuthorityNotificationProblem.SentInFuture or AuthorityNotificationProblem.BeforeInitial => "Input.SentAt",
        AuthorityNotificationProblem.ChangesMissing or AuthorityNotificationProblem.ChangesTooLong => "Input.Changes",
        AuthorityNotificationProblem.ReferenceTooLong => "Input.AuthorityReference",
        _ => "",
    };

    private async Task<bool> LoadAsync(string reference)
    {
        var incident = await db.Incidents.AsNoTracking()
            .WithReference(reference)
            .Select(i => new { i.Id, i.Reference, i.Title })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (incident is null)
        {
            return false;
        }

        Reference = incident.Reference;
        IncidentTitle = incident.Title;
        var initial = (await notifications.HistoryAsync(incident.Id, HttpContext.RequestAborted))
            .FirstOrDefault(n => n.Kind == AuthorityNotificationKind.Initial);
        InitialSentAt = initial?.SentAt;
        Kind = initial is null ? AuthorityNotificationKind.Initial : AuthorityNotificationKind.Complementary;
        return true;
    }

    public sealed class InputModel
    {
        public string? Kind { get; set; }

        public string? SentAt { get; set; }

        public string? AuthorityReference { get; set; }

        public string? Changes { get; set; }
    }
}
