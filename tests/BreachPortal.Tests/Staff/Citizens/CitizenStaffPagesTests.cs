using System.Globalization;
using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Abuse;
using BreachPortal.Web.Checks.Reports;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff.Citizens;

public sealed class CitizenStaffPagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string ReportsPath = "/staff/citizens/reports";
    private const string LimitsPath = "/staff/citizens/limits";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_AsAnOperator_ShowsTheScrubbedReport_AndMarkingItReviewedIsAudited()
    {
        var report = await SubmitAsync(new FakeMessageReportForm(
            ReportedChannel.Email,
            DateOnly.FromDateTime(DateTime.UtcNow),
            "k7m3 q9px 4trw",
            "conseiller@ft-faux.example",
            "Cliquez sur www.ft-remboursement.example/login et écrivez à marie.curie@example.org, tél. +33 6 11 22 33 44"));
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var response = await client.GetAsync(ReportsPath, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var row = new HtmlPage(html).Row($"report-{report.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signalements de faux messages", new HtmlPage(html).Heading, StringComparison.Ordinal);
        Assert.Contains("Courriel", row.Text, StringComparison.Ordinal);
        Assert.Contains("K7M3-Q9PX-4TRW inconnu", row.Text, StringComparison.Ordinal);
        Assert.Contains("c•••@ft-faux.example", row.Text, StringComparison.Ordinal);
        Assert.Contains("www.ft-remboursement.example", row.Text, StringComparison.Ordinal);
        Assert.Contains("Cliquez sur [www.ft-remboursement.example] et écrivez à m•••@example.org, tél. •••", row.Text, StringComparison.Ordinal);
        Assert.Contains("À examiner", row.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("marie.curie", html, StringComparison.Ordinal);
        Assert.DoesNotContain("11 22 33 44", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", row.Html, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.FakeMessageReportsViewed), e => e.ActorId == staff.Id);

        var marked = await FormPage.PostAsync(client, ReportsPath, FormPage.Token(html), new Dictionary<string, string>
        {
            ["id"] = report.Id.ToString(CultureInfo.InvariantCulture),
            ["page"] = "1",
        });

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal($"{ReportsPath}?page=1&reviewed={report.Id}", marked.Headers.Location!.OriginalString);
        var after = await client.GetStringAsync(marked.Headers.Location, Cancel);
        Assert.Contains($"Le signalement n° {report.Id} est marqué comme examiné.", new HtmlPage(after).Text, StringComparison.Ordinal);
        Assert.Contains("Examiné", new HtmlPage(after).Row($"report-{report.Id}").Text, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.Set<FakeMessageReport>().AsNoTracking().SingleAsync(r => r.Id == report.Id, Cancel);
            Assert.NotNull(stored.ReviewedAt);
            Assert.Equal(staff.Id, stored.ReviewedBy);
        }

        var reviewed = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.FakeMessageReportReviewed), e => e.SubjectId == report.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(staff.Id, reviewed.ActorId);

        var again = await FormPage.PostAsync(client, ReportsPath, FormPage.Token(after), new Dictionary<string, string> { ["id"] = report.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal($"{ReportsPath}?page=1&already={report.Id}", again.Headers.Location!.OriginalString);
        Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.FakeMessageReportReviewed), e => e.SubjectId == report.Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reports_InEnglish_ShowsTheEnglishTexts()
    {
        await SubmitAsync(new FakeMessageReportForm(ReportedChannel.Letter, null, null, null, "A letter asking for a payment."));
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/en" + ReportsPath, Cancel));

        Assert.Equal("en", page.Language);
        Assert.Equal("Reports of fake messages", page.Heading);
        Assert.Contains("Letter", page.Text, StringComparison.Ordinal);
        Assert.Contains("Mark as reviewed", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportsPath)]
    [InlineData(LimitsPath)]
    public async Task CitizenPages_WithoutTheOperatorRole_AreForbidden(string path)
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task StaffHome_ForAnOperator_LinksTheCitizenPages()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/staff", Cancel));

        Assert.Equal(ReportsPath, page.LinkHref("Signalements de faux messages"));
        Assert.Equal(LimitsPath, page.LinkHref("Limites des pages publiques"));
    }

    [Fact]
    public async Task Limits_ShowTheRefusalsCountedAndTheConfiguredWindows()
    {
        var counters = app.Factory.Services.GetRequiredService<AbuseCounters>();
        for (var i = 0; i < 3; i++)
        {
            counters.Hit(AbuseCounters.Verify);
        }

        counters.Hit(AbuseCounters.QueueFull);
        await app.Factory.Services.GetRequiredService<AbuseCounterFlusher>().FlushAsync(Cancel);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var response = await client.GetAsync(LimitsPath, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlPage(html);
        var verify = page.Row("limit-verify").Text;
        Assert.Contains("Codes de référence vérifiés (/verify)", verify, StringComparison.Ordinal);
        Assert.Contains("60 par 10 minutes et par adresse de client 3 3", verify, StringComparison.Ordinal);
        Assert.Contains("(3 refus)", verify, StringComparison.Ordinal);
        Assert.Contains("file d'attente de 50 000 demandes 1 1", page.Row("limit-queue-full").Text, StringComparison.Ordinal);
        Assert.Contains("3 par 15 minutes et par adresse électronique ou numéro 0 0 —", page.Row("limit-contact").Text, StringComparison.Ordinal);
        Assert.Contains("10 par heure et par adresse de client", page.Row("limit-report").Text, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CitizenAbuseCountersViewed), e => e.ActorId == staff.Id);

        var english = await HtmlPage.ReadAsync(await client.GetAsync("/en" + LimitsPath, Cancel));
        Assert.Contains("60 per 10 minutes per client address", english.Text, StringComparison.Ordinal);
        Assert.Contains("10 per hour per client address", english.Text, StringComparison.Ordinal);
    }

    private async Task<FakeMessageReport> SubmitAsync(FakeMessageReportForm form)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (report, _, error) = await scope.ServiceProvider.GetRequiredService<FakeMessageReports>().SubmitAsync(form, "fr", Cancel);
        Assert.Null(error);
        return report!;
    }
}
