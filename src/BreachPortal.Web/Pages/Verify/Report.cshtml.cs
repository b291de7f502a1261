using System.Globalization;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Checks.Reports;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Verify;

/// <summary>
/// Anyone reports a message they believe is a fake sent in our name. What they paste is scrubbed before it is stored
/// (<see cref="ReportScrubber"/>); nothing identifies them, and they get no individual answer.
/// </summary>
[CitizenRateLimit(AbuseCounters.Report)]
public sealed class ReportModel(FakeMessageReports reports, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int TextMaxLength = FakeMessageReport.DescriptionMaxLength * 2;

    /// <summary>What a date input sends, and what people type where a browser shows a plain text box.</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static IReadOnlyList<ReportedChannel> Channels { get; } = Enum.GetValues<ReportedChannel>();

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet(string? code) => Input.ReferenceCode = ReferenceCode.Normalize(code);

    public async Task<IActionResult> OnPostAsync()
    {
        Response.ForbidStoring();
        var channel = Channels.Cast<ReportedChannel?>().FirstOrDefault(c => string.Equals(c.ToString(), Input.Channel, StringComparison.Ordinal));
        DateOnly? receivedOn = null;
        if (!string.IsNullOrWhiteSpace(Input.ReceivedOn))
        {
            if (DateOnly.TryParseExact(Input.ReceivedOn.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                receivedOn = date;
            }
            else
            {
                ModelState.AddModelError("Input.ReceivedOn", text["Report.Error.ReceivedOn"]);
            }
        }

        // The service stops at the first problem; the two every visitor can make are all shown at once.
        if (channel is null)
        {
            ModelState.AddModelError("Input.Channel", text["Report.Error.Channel"]);
        }

        if (string.IsNullOrWhiteSpace(Input.Text))
        {
            ModelState.AddModelError("Input.Text", text["Report.Error.TextRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var form = new FakeMessageReportForm(channel, receivedOn, Input.ReferenceCode, Input.Sender, Input.Text);
        var language = PortalCultures.LanguageTag(CultureInfo.CurrentUICulture);
        var (_, field, errorKey) = await reports.SubmitAsync(form, language, HttpContext.RequestAborted);
        if (errorKey is not null)
        {
            var max = field == nameof(FakeMessageReportForm.Sender) ? FakeMessageReport.SenderMaxLength : TextMaxLength;
            ModelState.AddModelError($"Input.{field}", text[errorKey, max]);
            return Page();
        }

        return RedirectToPage("/Verify/ReportSent");
    }

    public sealed class InputModel
    {
        public string? Channel { get; set; }

        /// <summary><c>yyyy-MM-dd</c> from a date input, or a typed <c>dd/mm/yyyy</c>.</summary>
        public string? ReceivedOn { get; set; }

        public string? ReferenceCode { get; set; }

        public string? Sender { get; set; }

        public string? Text { get; set; }
    }
}
