using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff;

public sealed class AuditPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditPage_FilteredByType_ListsOnlyThatType()
    {
        var auditor = await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor);
        var client = await auditor.SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/staff/audit?Filter.Type=SecondFactorEnrolled", Cancel));

        Assert.Contains("SecondFactorEnrolled", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SignInSucceeded ", page.Text.Replace("SignInSucceeded (1000)", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_BadFilter_SaysWhichFieldIsWrong()
    {
        var auditor = await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor);
        var client = await auditor.SignInAsync(app.Factory);

        var response = await client.GetAsync("/staff/audit?Filter.ActorId=not-a-guid", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le formulaire contient des erreurs", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IsCsvWithTheDocumentedColumnsNeutralisesFormulasAndIsItselfAudited()
    {
        var auditor = await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor);
        var client = await auditor.SignInAsync(app.Factory);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
                new AuditEntry(AuditEventType.SignInFailed, AuditActor.System) { Detail = "=HYPERLINK(\"http://evil\")" }, Cancel);
        }

        var response = await client.GetAsync("/staff/audit?handler=Export", Cancel);
        var csv = await response.Content.ReadAsStringAsync(Cancel);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("id,occurred_at_utc,type,type_code,actor_id,actor,subject_type,subject_id,detail,client_address,previous_hash,hash", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuditLogExported), e => e.ActorId == auditor.Id);
    }

    [Fact]
    public async Task AuditPage_EventWrittenWithALegacySubjectSpelling_IsFoundAndShownAsTheCurrentOne_AndExportedAsStored()
    {
        var auditor = await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor);
        var client = await auditor.SignInAsync(app.Factory);
        var subject = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await log.AppendAsync(new AuditEntry(AuditEventType.PersonRecordViewed, AuditActor.System) { SubjectType = "Person", SubjectId = subject, Detail = "before" }, Cancel);
            await log.AppendAsync(new AuditEntry(AuditEventType.PersonRecordViewed, AuditActor.System) { SubjectType = AuditSubjects.Person, SubjectId = subject, Detail = "after" }, Cancel);
        }

        var page = await HtmlPage.ReadAsync(await client.GetAsync($"/staff/audit?Filter.SubjectId={subject}", Cancel));
        var csv = await (await client.GetAsync($"/staff/audit?handler=Export&Filter.SubjectId={subject}", Cancel)).Content.ReadAsStringAsync(Cancel);

        Assert.Equal(2, Regex.Count(page.Html, $"<td>person {subject}</td>"));
        Assert.DoesNotContain($"Person {subject}", page.Html, StringComparison.Ordinal);
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(["Person", "person"], rows.Select(r => r.Split(',')[6]));
    }

    [Fact]
    public async Task DevelopmentMailbox_ShowsMailInDevelopmentOnly()
    {
        await using var production = PortalFactory.Production(app.ConnectionString);

        var development = await app.CreateClient().GetAsync("/dev/mailbox", Cancel);
        var elsewhere = await production.CreateClient(PortalFactory.NoRedirects()).GetAsync("/dev/mailbox", Cancel);

        Assert.Equal(HttpStatusCode.OK, development.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }
}
