using System.Globalization;
using BreachPortal.Web.Checks.Reports;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Citizens;

/// <summary>Reports of fake messages, unreviewed first, for Operators; reading them and marking one reviewed are audited.</summary>
public sealed class ReportsModel(FakeMessageReports reports) : PageModel
{
    public IReadOnlyList<FakeMessageReport> Reports { get; private set; } = [];

    /// <summary>1-based, as in the address.</summary>
    public int PageNumber { get; private set; } = 1;

    public bool HasNext { get; private set; }

    public int Unreviewed { get; private set; }

    /// <summary>The report just marked reviewed, or that someone else had already reviewed.</summary>
    public long? Reviewed { get; private set; }

    public long? AlreadyReviewed { get; private set; }

    // "page" is the page's own route value in Razor Pages: the number is read from the query string only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, long? reviewed, long? already)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 100_000);
        Reviewed = reviewed;
        AlreadyReviewed = already;
        Reports = await reports.ListAsync(PageNumber - 1, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        HasNext = Reports.Count == FakeMessageReports.PageSize;
        Unreviewed = await reports.CountUnreviewedAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(long id, [FromForm(Name = "page")] int? page)
    {
        var marked = await reports.MarkReviewedAsync(id, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        var target = Url.Page("/Staff/Citizens/Reports")
            + string.Create(CultureInfo.InvariantCulture, $"?page={Math.Clamp(page ?? 1, 1, 100_000)}&{(marked ? "reviewed" : "already")}={id}");
        return LocalRedirect(target);
    }
}
