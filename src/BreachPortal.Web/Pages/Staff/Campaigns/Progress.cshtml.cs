using System.Globalization;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>
/// A campaign's progress for Operators: counts per channel and status, the share handled, rate, time left and recent
/// failures by reason. The page reloads by a link; its script polls the JSON handler, whose texts are the page's own.
/// </summary>
public sealed class ProgressModel(CampaignProgress progress, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public CampaignProgressReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Response.ForbidStoring();
        if (await progress.ReportAsync(id, time.GetUtcNow(), cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(int id, CancellationToken cancellationToken)
    {
        Response.ForbidStoring();
        if (await progress.ReportAsync(id, time.GetUtcNow(), cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        var bar = Bar;
        return new JsonResult(new
        {
            campaignId = report.CampaignId,
            status = report.Status.ToString().ToLowerInvariant(),
            over = report.IsOver,
            ledgerComplete = report.LedgerComplete,
            total = report.Total,
            done = report.Done,
            open = report.Open,
            percent = Percent,
            perSecond = Math.Round(report.PerSecond, 2),
            secondsLeft = report.TimeLeft is { } left ? Math.Ceiling(left.TotalSeconds) : (double?)null,
            peopleCount = report.PeopleCount,
            unreachable = report.UnreachableCount,
            bar = bar is { } b ? new { max = b.Max, value = b.Value } : null,
            counts = report.Channels.SelectMany(c => c.Counts.Select(s => new { channel = c.Channel.ToString().ToLowerInvariant(), status = s.Key.ToWireName(), count = s.Value })),
            failures = report.RecentFailures.Select(f => new { channel = f.Channel.ToString().ToLowerInvariant(), status = f.Status.ToWireName(), reason = f.Reason, count = f.Count, lastAt = f.LastAt }),
            text = new
            {
                status = StatusLabel,
                summary = Summary,
                announce = Announcement,
                rate = Rate,
                timeLeft = TimeLeft,
                people = People,
                unreachable = Unreachable,
                countsHead = CountsHead,
                countsRows = CountsRows,
                failuresRows = FailureRows,
            },
        });
    }

    /// <summary>
    /// Max and value of the bar; null for an indeterminate bar, only while the ledger of a launched campaign is being
    /// written and still empty. With no message at all, the bar is full once there is nothing left to write, else empty.
    /// </summary>
    public (long Max, long Value)? Bar => Report switch
    {
        { Total: > 0 } r => (r.Total, r.Done),
        { IsStarted: true, IsOver: false, LedgerComplete: false } => null,
        { } r => (1, r.IsOver || r.LedgerComplete ? 1 : 0),
    };

    /// <summary>Rounded down to a tenth, so the page never says 100 % while a message is still open.</summary>
    public double? Percent => Report.ShareDone is { } share ? Math.Floor(share * 1000) / 10 : null;

    public string StatusLabel => t[$"Staff.Campaigns.Progress.Status.{Report.Status}"];

    public string Summary
    {
        get
        {
            var r = Report;
            if (r.Total == 0)
            {
                return t[!r.IsStarted ? "Staff.Campaigns.Progress.Summary.NotStarted"
                    : !r.LedgerComplete && !r.IsOver ? "Staff.Campaigns.Progress.Summary.Writing"
                    : "Staff.Campaigns.Progress.Summary.Nothing"];
            }

            var percent = Percent!.Value.ToString("0.0", CultureInfo.CurrentCulture);
            return t[r.LedgerComplete ? "Staff.Campaigns.Progress.Summary" : "Staff.Campaigns.Progress.Summary.Partial", Number(r.Done), Number(r.Total), percent];
        }
    }

    /// <summary>What the live region says, now and then: the campaign's state and the summary, nothing else.</summary>
    public string Announcement => t["Staff.Campaigns.Progress.Announcement", StatusLabel, Summary];

    public string Rate => t["Staff.Campaigns.Progress.RateValue", Report.PerSecond.ToString("N1", CultureInfo.CurrentCulture)];

    public string TimeLeft => Report switch
    {
        { TimeLeft: { } left } => Duration(left),
        { IsOver: true } => t["Staff.Campaigns.Progress.TimeLeft.Over"],
        { Status: not CampaignStatus.Running } => t["Staff.Campaigns.Progress.TimeLeft.NotRunning"],
        { LedgerComplete: false } => t["Staff.Campaigns.Progress.TimeLeft.Writing"],
        _ => t["Staff.Campaigns.Progress.TimeLeft.Unknown"],
    };

    public string People => Report.PeopleCount is { } people ? Number(people) : t["Staff.Campaigns.Progress.NotCountedYet"];

    public string Unreachable => Report.UnreachableCount is { } unreachable ? Number(unreachable) : t["Staff.Campaigns.Progress.NotCountedYet"];

    public IReadOnlyList<string> CountsHead =>
        [t["Staff.Campaigns.Progress.Column.Status"], .. Report.ShownChannels.Select(c => (string)t[$"Staff.Campaigns.Progress.Channel.{c}"]), t["Staff.Campaigns.Progress.Column.Total"]];

    /// <summary>One row per message status, a cell per channel shown, and the totals; the first cell heads its row.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CountsRows
    {
        get
        {
            var channels = Report.ShownChannels.Select(Report.Channel).ToList();
            var rows = Enum.GetValues<MessageStatus>()
                .Select(s => (IReadOnlyList<string>)[StatusName(s), .. channels.Select(c => Number(c.Count(s))), Number(channels.Sum(c => c.Count(s)))])
                .ToList();
            rows.Add([t["Staff.Campaigns.Progress.Column.Total"], .. channels.Select(c => Number(c.Total)), Number(Report.Total)]);
            return rows;
        }
    }

    public IReadOnlyList<string> FailuresHead =>
        [t["Staff.Campaigns.Progress.Failures.Reason"], t["Staff.Campaigns.Progress.Failures.Channel"], t["Staff.Campaigns.Progress.Failures.Status"], t["Staff.Campaigns.Progress.Failures.Count"], t["Staff.Campaigns.Progress.Failures.Last"]];

    public IReadOnlyList<IReadOnlyList<string>> FailureRows =>
        [.. Report.RecentFailures.Select(f => (IReadOnlyList<string>)[
            f.Reason,
            t[$"Staff.Campaigns.Progress.Channel.{f.Channel}"],
            StatusName(f.Status),
            Number(f.Count),
            f.LastAt is { } last ? last.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : t["Staff.Campaigns.Progress.Failures.Waiting"]])];

    public string StatusName(MessageStatus status) => t[$"Staff.Campaigns.Progress.MessageStatus.{status}"];

    private static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private string Duration(TimeSpan left)
    {
        var seconds = (long)Math.Ceiling(left.TotalSeconds);
        return seconds switch
        {
            < 60 => t["Staff.Campaigns.Progress.Duration.Seconds", seconds],
            < 3600 => t["Staff.Campaigns.Progress.Duration.Minutes", seconds / 60, (seconds % 60).ToString("00", CultureInfo.InvariantCulture)],
            _ => t["Staff.Campaigns.Progress.Duration.Hours", Number(seconds / 3600), (seconds % 3600 / 60).ToString("00", CultureInfo.InvariantCulture)],
        };
    }
}
