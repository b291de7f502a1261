using System.Net;
using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Authority.Art33;

public sealed class Art33PagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string ReportPath(string reference) => $"/staff/authority/{reference}/art33";

    private static string NotificationPath(string reference) => $"/staff/authority/{reference}/notifications/new";

    [Fact]
    public async Task Report_AsCnilLiaison_ShowsEachItemAndThePrintButton_AndTheViewIsAudited()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        await NotificationPeople.ImportAsync(app.Factory, incident, 3);
        await NotificationPeople.ImportAsync(app.Factory, incident, 2, email: false);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await staff.SignInAsync(app.Factory);

        var response = await client.GetAsync(ReportPath(incident), Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Rapport de notification à la CNIL (article 33) — {incident}", page.Heading);
        foreach (var heading in new[] { "a) Nature de la violation", "b) Délégué à la protection des données", "c) Conséquences probables", "d) Mesures prises ou envisagées", "Délai de 72 heures" })
        {
            Assert.Contains(heading, page.Text, StringComparison.Ordinal);
        }

        Assert.Contains("Personnes dans le registre (calculé) 5", page.Text, StringComparison.Ordinal);
        Assert.Contains("Adresse électronique 3", page.Row("art33-category-Email").Text, StringComparison.Ordinal);
        Assert.Contains("Violation avérée ou suspectée Pas encore connu", page.Text, StringComparison.Ordinal);
        Assert.Contains("data-print-button hidden", page.Html, StringComparison.Ordinal);
        Assert.Contains("utilisez la commande d’impression de votre navigateur", page.Text, StringComparison.Ordinal);
        Assert.Contains("/js/print-button.js", page.Html, StringComparison.Ordinal);
        Assert.Contains("/css/print.css", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Camille", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.fr", page.Html, StringComparison.Ordinal);
        var viewed = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art33ReportViewed), e => e.SubjectId == incident);
        Assert.Equal(staff.Id, viewed.ActorId);
        Assert.Equal(AuditSubjects.Incident, viewed.SubjectType);
        Assert.Equal("current", viewed.Detail);
    }

    [Fact]
    public async Task Json_AsCnilLiaison_IsAnAttachmentWithTheRegistryCounts_AndTheExportIsAudited()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        await NotificationPeople.ImportAsync(app.Factory, incident, 4, phone: null);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await staff.SignInAsync(app.Factory);

        var clock = app.Factory.Services.GetRequiredService<TimeProvider>();
        var before = clock.GetUtcNow();
        var response = await client.GetAsync(ReportPath(incident) + "?handler=json", Cancel);
        var after = clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        var fileName = disposition.FileName!.Trim('"');
        var prefix = $"art33-{incident}-";
        Assert.StartsWith(prefix, fileName, StringComparison.Ordinal);
        var stamp = DateTimeOffset.ParseExact(fileName[prefix.Length..^".json".Length], "yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange(stamp, before.AddSeconds(-1), after);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var registry = json.RootElement.GetProperty("scope").GetProperty("registry");
        Assert.Equal(4, registry.GetProperty("people").GetInt64());
        var phone = registry.GetProperty("peoplePerCategory").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "phone");
        Assert.Equal(0, phone.GetProperty("people").GetInt64());
        var exported = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art33ReportExported), e => e.SubjectId == incident);
        Assert.Equal(staff.Id, exported.ActorId);
        Assert.Equal("current", exported.Detail);
    }

    [Fact]
    public async Task NotificationPage_AsCnilLiaison_IsForbidden()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var get = await client.GetAsync(NotificationPath(incident), Cancel);
        var post = await client.PostAsync(NotificationPath(incident), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Kind"] = "Initial",
            ["Input.SentAt"] = "2024-03-08T10:00",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<AuthorityNotification>().AnyAsync(n => db.Incidents.Any(i => i.Id == n.IncidentId && i.Reference == incident), Cancel));
    }

    [Fact]
    public async Task Report_InEnglish_ShowsTheEnglishTexts()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/en" + ReportPath(incident), Cancel));

        Assert.Equal("en", page.Language);
        Assert.Equal($"Notification report to the CNIL (Article 33) — {incident}", page.Heading);
        Assert.Contains("(a) Nature of the breach", page.Text, StringComparison.Ordinal);
        Assert.Contains("Not known yet", page.Text, StringComparison.Ordinal);
        Assert.Contains("Print or save as PDF", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-03-31T02:30")]
    [InlineData("le 8 mars")]
    public async Task RecordNotification_UnreadableKindOrTime_IsRefusedBesideEachField_AndNothingIsRecorded(string sentAt)
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);
        var form = await client.GetStringAsync(NotificationPath(incident), Cancel);

        var response = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(form), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Final",
            ["Input.SentAt"] = sentAt,
        });

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"fr-error-text\" id=\"notification-kind-messages\">Le type de notification est inconnu.</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"fr-message fr-message--error\">Indiquez une date et une heure valides, au format 2024-03-08T14:30.</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{sentAt}\"", page.Html, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<AuthorityNotification>().AnyAsync(n => db.Incidents.Any(i => i.Id == n.IncidentId && i.Reference == incident), Cancel));
    }

    [Fact]
    public async Task RecordNotifications_InitialThenComplementary_SetTheNotificationDate_RefuseWhatTheHistoryForbids_AndKeepTheReportAsSent()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var form = await client.GetStringAsync(NotificationPath(incident), Cancel);
        Assert.Contains("Enregistrer la notification initiale à la CNIL", new HtmlPage(form).Heading, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Kind\" value=\"Initial\"", form, StringComparison.Ordinal);

        var initial = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(form), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Initial",
            ["Input.SentAt"] = "2024-03-08T14:30",
            ["Input.AuthorityReference"] = "CNIL-2024-0042",
            ["Input.Changes"] = "Première déclaration",
        });

        Assert.Equal(HttpStatusCode.Redirect, initial.StatusCode);
        Assert.Equal($"/staff/authority/{incident}?done=notification", initial.Headers.Location!.OriginalString);
        var sentAt = new DateTimeOffset(2024, 3, 8, 13, 30, 0, TimeSpan.Zero);
        AuthorityNotification first;
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == incident, Cancel);
            Assert.Equal(IncidentDate.Exact(sentAt), stored.AuthorityNotified);
            Assert.True(stored.UpdatedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
            first = await db.Set<AuthorityNotification>().AsNoTracking().SingleAsync(n => n.IncidentId == stored.Id, Cancel);
            Assert.Equal(AuthorityNotificationKind.Initial, first.Kind);
            Assert.Equal(sentAt, first.SentAt);
            Assert.Equal("CNIL-2024-0042", first.AuthorityReference);
            Assert.Equal(staff.Id, first.RecordedBy);
            var snapshot = Art33Report.FromJson(first.Snapshot);
            Assert.Equal(incident, snapshot.IncidentReference);
            Assert.Equal(sentAt, snapshot.Timeliness.AuthorityNotified!.At);
            Assert.Equal(AuthorityClockState.Late, snapshot.Timeliness.State);
        }

        var recorded = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityNotificationRecorded), e => e.SubjectId == incident);
        Assert.Equal(staff.Id, recorded.ActorId);
        Assert.StartsWith($"notification={first.Id}; kind=initial", recorded.Detail, StringComparison.Ordinal);

        // A second initial one (a form opened before the first was recorded) is refused with a message.
        var again = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(form), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Initial",
            ["Input.SentAt"] = "2024-03-09T09:00",
        });
        var againPage = await HtmlPage.ReadAsync(again);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("La notification initiale de cet incident est déjà enregistrée", againPage.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Kind\" value=\"Complementary\"", againPage.Html, StringComparison.Ordinal);

        var complementaryForm = await client.GetStringAsync(NotificationPath(incident), Cancel);
        Assert.Contains("Enregistrer une notification complémentaire", new HtmlPage(complementaryForm).Heading, StringComparison.Ordinal);
        var early = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(complementaryForm), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Complementary",
            ["Input.SentAt"] = "2024-03-08T14:00",
            ["Input.Changes"] = "Nombre de personnes",
        });
        Assert.Contains("ne peut pas précéder la notification initiale", (await HtmlPage.ReadAsync(early)).Text, StringComparison.Ordinal);
        var noChanges = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(complementaryForm), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Complementary",
            ["Input.SentAt"] = "2024-03-20T09:00",
        });
        Assert.Contains("Indiquez ce qui a changé", (await HtmlPage.ReadAsync(noChanges)).Text, StringComparison.Ordinal);
        var future = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(complementaryForm), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Complementary",
            ["Input.SentAt"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Changes"] = "Nombre de personnes",
        });
        Assert.Contains("ne peut pas être dans le futur", (await HtmlPage.ReadAsync(future)).Text, StringComparison.Ordinal);

        // The record changes after the initial notification: the report as sent keeps what was declared then.
        await using (var db = app.CreateDbContext())
        {
            var id = await db.Incidents.Where(i => i.Reference == incident).Select(i => i.Id).SingleAsync(Cancel);
            db.Add(new AuthorityRecord { IncidentId = id, ApproximatePeople = 36_820_828, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Cancel);
        }

        var complementary = await FormPage.PostAsync(client, NotificationPath(incident), FormPage.Token(complementaryForm), new Dictionary<string, string>
        {
            ["Input.Kind"] = "Complementary",
            ["Input.SentAt"] = "2024-03-20T09:00",
            ["Input.Changes"] = "Nombre de personnes recompté",
        });
        Assert.Equal(HttpStatusCode.Redirect, complementary.StatusCode);

        var asSent = await HtmlPage.ReadAsync(await client.GetAsync($"{ReportPath(incident)}?notification={first.Id}", Cancel));
        Assert.Contains("Rapport tel qu’envoyé : Notification initiale du 8 mars 2024, 14:30", asSent.Text, StringComparison.Ordinal);
        Assert.Contains("CNIL-2024-0042", asSent.Text, StringComparison.Ordinal);
        Assert.Contains("Première déclaration", asSent.Text, StringComparison.Ordinal);
        Assert.Contains("Nombre approximatif de personnes déclaré Pas encore connu", asSent.Text, StringComparison.Ordinal);
        var current = await HtmlPage.ReadAsync(await client.GetAsync(ReportPath(incident), Cancel));
        Assert.Matches(@"Nombre approximatif de personnes déclaré 36\s?820\s?828", current.Text);
        Assert.DoesNotContain("Rapport tel qu’envoyé", current.Text, StringComparison.Ordinal);

        var json = await client.GetAsync($"{ReportPath(incident)}?handler=json&notification={first.Id}", Cancel);
        Assert.Contains($"art33-{incident}-notification-{first.Id}-20240308.json", json.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("scope").GetProperty("declaredPeople").ValueKind);
        }

        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art33ReportViewed), e => e.SubjectId == incident && e.Detail == $"notification={first.Id}");
        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art33ReportExported), e => e.SubjectId == incident && e.Detail == $"notification={first.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ReportPath(incident)}?notification={first.Id + 100_000}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task RecordInitial_TwiceAtOnce_RecordsOne_AndRefusesTheOtherWithAProblem()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var sentAt = new DateTimeOffset(2024, 3, 8, 9, 0, 0, TimeSpan.Zero);

        async Task<AuthorityNotificationOutcome> RecordAsync()
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuthorityNotifications>().RecordAsync(
                incident, new AuthorityNotificationDraft(AuthorityNotificationKind.Initial, sentAt, null, null), AuditActor.System, Cancel);
        }

        var outcomes = await Task.WhenAll(RecordAsync(), RecordAsync());

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.Problem == AuthorityNotificationProblem.InitialExists);
        await using var db = app.CreateDbContext();
        Assert.Single(await db.Set<AuthorityNotification>().Where(n => db.Incidents.Any(i => i.Id == n.IncidentId && i.Reference == incident)).ToListAsync(Cancel));
    }
}
