using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Authority.Record;

public sealed class AuthorityRecordPagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Index_AsCnilLiaison_ListsEveryIncidentWithItsClock_AndTheViewIsAudited()
    {
        var liaison = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await liaison.SignInAsync(app.Factory);

        var response = await client.GetAsync("/staff/authority", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Notifications à la CNIL", new HtmlPage(html).Heading);
        var ft = new HtmlPage(html).Row("incident-FT-2024-03").Text;
        Assert.Contains("29 février 2024", ft, StringComparison.Ordinal);
        Assert.Contains("Notifiée en retard, motif manquant", ft, StringComparison.Ordinal);
        Assert.Contains("Aucune", ft, StringComparison.Ordinal);
        Assert.Contains("Indéterminé", new HtmlPage(html).Row("incident-PE-2023-08").Text, StringComparison.Ordinal);
        Assert.Contains("/staff/authority/FT-2024-03", html, StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordViewed), e => e.ActorId == liaison.Id && e.SubjectType == AuditSubjects.Incident && e.SubjectId == "*");
    }

    [Fact]
    public async Task Index_WithNotificationsRecorded_CountsThemAndShowsTheLast()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Exact(DateTimeOffset.UtcNow.AddHours(-100)), IncidentDate.Exact(DateTimeOffset.UtcNow.AddHours(-90)));
        await using (var db = app.CreateDbContext())
        {
            var id = await db.Incidents.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync(Cancel);
            db.AddRange(
                new AuthorityNotification { IncidentId = id, Kind = AuthorityNotificationKind.Initial, SentAt = new DateTimeOffset(2026, 3, 8, 15, 0, 0, TimeSpan.Zero), Changes = "Initial", AuthorityReference = "CNIL-12345" },
                new AuthorityNotification { IncidentId = id, Kind = AuthorityNotificationKind.Complementary, SentAt = new DateTimeOffset(2026, 3, 20, 9, 15, 0, TimeSpan.Zero), Changes = "Nombre de personnes précisé" });
            await db.SaveChangesAsync(Cancel);
        }

        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);
        var html = await client.GetStringAsync("/staff/authority", Cancel);
        var row = new HtmlPage(html).Row($"incident-{reference}").Text;
        var record = new HtmlPage(await client.GetStringAsync($"/staff/authority/{reference}", Cancel)).Text;

        Assert.Contains("Notifiée dans les 72 heures", row, StringComparison.Ordinal);
        Assert.Contains(" 2 ", $" {row} ", StringComparison.Ordinal);
        Assert.Contains("20 mars 2026, 10:15", row, StringComparison.Ordinal);
        Assert.Contains("Initiale", record, StringComparison.Ordinal);
        Assert.Contains("Complémentaire", record, StringComparison.Ordinal);
        Assert.Contains("CNIL-12345", record, StringComparison.Ordinal);
        Assert.Contains("Nombre de personnes précisé", record, StringComparison.Ordinal);
        Assert.Contains("8 mars 2026, 16:00", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_AsCnilLiaison_ShowsEveryItemNotKnownYet_AndNoEditButtons_AndTheEditPageIsForbidden()
    {
        var liaison = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await liaison.SignInAsync(app.Factory);

        var response = await client.GetAsync("/staff/authority/FT-2024-03", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var page = new HtmlPage(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Fiche CNIL de l’incident FT-2024-03", page.Heading);
        Assert.Contains("Violation avérée ou suspectée Pas encore connu", page.Text, StringComparison.Ordinal);
        Assert.Contains("Nombre approximatif d’enregistrements concernés Pas encore connu", page.Text, StringComparison.Ordinal);
        Assert.Contains("Date de découverte 29 février 2024", page.Text, StringComparison.Ordinal);
        Assert.Contains("Notifiée en retard, motif manquant", page.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"late-reason-missing\"", html, StringComparison.Ordinal);
        Assert.Contains("Numéro de sécurité sociale", new HtmlPage(html).Element("published-exposed").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("record-edit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Enregistrer une notification à la CNIL", page.Text, StringComparison.Ordinal);
        var viewed = await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordViewed);
        Assert.Contains(viewed, e => e.ActorId == liaison.Id && e.SubjectId == "FT-2024-03");

        var edit = await client.GetAsync("/staff/authority/FT-2024-03/edit", Cancel);
        var post = await FormPage.PostAsync(client, "/staff/authority/FT-2024-03/edit", FormPage.Token(html), new Dictionary<string, string>
        {
            ["Input.Certainty"] = "Established",
            ["Input.Detected.Precision"] = "Unknown",
            ["Input.Version"] = "",
        });

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = app.CreateDbContext();
        var ft = await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == "FT-2024-03", Cancel);
        Assert.Equal(IncidentDate.Day(2024, 2, 29), ft.Detected);
        Assert.False(await db.Set<AuthorityRecord>().AnyAsync(r => r.IncidentId == ft.Id, Cancel));
        Assert.DoesNotContain(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordUpdated), e => e.ActorId == liaison.Id);
    }

    [Fact]
    public async Task Record_AsOperator_OffersTheEditAndNotificationLinks()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var page = new HtmlPage(await client.GetStringAsync("/staff/authority/PE-2023-08", Cancel));

        Assert.Equal("/staff/authority/PE-2023-08/edit", page.LinkHref("Modifier la fiche"));
        Assert.Contains(page.Links, l => l.Text == "Enregistrer une notification à la CNIL");
        Assert.Contains("Indéterminé", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_UnknownReference_IsNotFound()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/authority/NO-SUCH-1", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Edit_EveryItem_IsSaved_ShownOnTheRecord_Audited_AndNotKnownYetRoundTrips()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Unknown, IncidentDate.Unknown);
        var operatorStaff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await operatorStaff.SignInAsync(app.Factory);
        var path = $"/staff/authority/{reference}/edit";
        var form = await RecordForm.OpenAsync(client, path);
        var fields = RecordForm.NothingKnown();
        RecordForm.With(fields, "Input.Started.Precision", "Day");
        RecordForm.With(fields, "Input.Started.Date", "2024-02-06");
        RecordForm.With(fields, "Input.Ended.Precision", "Month");
        RecordForm.With(fields, "Input.Ended.Date", "2024-03-17");
        RecordForm.With(fields, "Input.Detected.Precision", "Exact");
        RecordForm.With(fields, "Input.Detected.Date", "2024-02-29");
        RecordForm.With(fields, "Input.Detected.Time", "14:05");
        RecordForm.With(fields, "Input.Certainty", "Established");
        RecordForm.With(fields, "Input.Ongoing", "no");
        RecordForm.With(fields, "Input.HowDiscovered", "Alerte de la supervision\r\nsur les extractions");
        RecordForm.With(fields, "Input.Origins", "SocialEngineering", "CredentialMisuse");
        RecordForm.With(fields, "Input.OriginDetail", "Faux conseillers");
        RecordForm.With(fields, "Input.Types", "Confidentiality");
        RecordForm.With(fields, "Input.Cause", "ExternalMalicious");
        RecordForm.With(fields, "Input.ProcessorsKnown", "listed");
        RecordForm.With(fields, "Input.Processors", "Cap emploi");
        RecordForm.With(fields, "Input.PeopleCategories", "Demandeurs d'emploi");
        RecordForm.With(fields, "Input.ApproximatePeople", "36 820 828");
        RecordForm.With(fields, "Input.DirectlyIdentifiable", "yes");
        RecordForm.With(fields, "Input.ApproximateRecords", "43000000");
        RecordForm.With(fields, "Input.StorageMedium", "Base de données");
        RecordForm.With(fields, "Input.Consequences", "IdentityTheft", "Phishing");
        RecordForm.With(fields, "Input.ConsequencesDetail", "Messages frauduleux");
        RecordForm.With(fields, "Input.ImmediateMeasures", "Comptes suspendus");
        RecordForm.With(fields, "Input.MediumTermMeasures", "Double authentification");
        RecordForm.With(fields, "Input.LongTermMeasures", "Revue des habilitations");
        RecordForm.With(fields, "Input.Informed", "Planned");
        RecordForm.With(fields, "Input.HowInformed", "Courriel et SMS");
        RecordForm.With(fields, "Input.LateReason", "Analyse nécessaire");
        Assert.Equal("", form.Version);

        var saved = await form.PostAsync(client, path, fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/staff/authority/{reference}?done=saved", saved.Headers.Location!.OriginalString);
        await using (var db = app.CreateDbContext())
        {
            var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == reference, Cancel);
            var record = await db.Set<AuthorityRecord>().AsNoTracking().SingleAsync(r => r.IncidentId == incident.Id, Cancel);
            Assert.Equal(IncidentDate.Day(2024, 2, 6), incident.Started);
            Assert.Equal(IncidentDate.Month(2024, 3), incident.Ended);
            Assert.Equal(IncidentDate.Exact(new DateTimeOffset(2024, 2, 29, 13, 5, 0, TimeSpan.Zero)), incident.Detected);
            Assert.False(incident.AuthorityNotified.IsKnown);
            Assert.Equal(BreachCertainty.Established, record.Certainty);
            Assert.False(record.Ongoing);
            Assert.Equal("Alerte de la supervision\nsur les extractions", record.HowDiscovered);
            Assert.Equal(BreachOrigins.SocialEngineering | BreachOrigins.CredentialMisuse, record.Origins);
            Assert.Equal("Faux conseillers", record.OriginDetail);
            Assert.Equal(BreachTypes.Confidentiality, record.Types);
            Assert.Equal(BreachCause.ExternalMalicious, record.Cause);
            Assert.Equal("Cap emploi", record.Processors);
            Assert.Equal("Demandeurs d'emploi", record.PeopleCategories);
            Assert.Equal(36_820_828, record.ApproximatePeople);
            Assert.True(record.DirectlyIdentifiable);
            Assert.Equal(43_000_000, record.ApproximateRecords);
            Assert.Equal("Base de données", record.StorageMedium);
            Assert.Equal(LikelyConsequences.IdentityTheft | LikelyConsequences.Phishing, record.Consequences);
            Assert.Equal("Messages frauduleux", record.ConsequencesDetail);
            Assert.Equal("Comptes suspendus", record.ImmediateMeasures);
            Assert.Equal("Double authentification", record.MediumTermMeasures);
            Assert.Equal("Revue des habilitations", record.LongTermMeasures);
            Assert.Equal(PeopleInformed.Planned, record.Informed);
            Assert.Equal("Courriel et SMS", record.HowInformed);
            Assert.Equal("Analyse nécessaire", record.LateReason);
            Assert.Equal(operatorStaff.Id, record.UpdatedBy);
        }

        var updated = Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordUpdated), e => e.SubjectId == reference);
        Assert.Equal(operatorStaff.Id, updated.ActorId);
        Assert.Equal(AuditSubjects.Incident, updated.SubjectType);
        Assert.Contains("Certainty", updated.Detail, StringComparison.Ordinal);
        Assert.Contains("Detected", updated.Detail, StringComparison.Ordinal);
        Assert.Contains("ApproximatePeople", updated.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("36", updated.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Cap emploi", updated.Detail, StringComparison.Ordinal);

        var shown = new HtmlPage(await client.GetStringAsync(saved.Headers.Location, Cancel)).Text;
        Assert.Contains("La fiche est enregistrée.", shown, StringComparison.Ordinal);
        Assert.Contains("Date de découverte 29 février 2024, 14:05", shown, StringComparison.Ordinal);
        Assert.Contains("Date de fin de la violation mars 2024", shown, StringComparison.Ordinal);
        Assert.Contains("Origine de l’incident Ingénierie sociale, Utilisation frauduleuse d’identifiants", shown, StringComparison.Ordinal);
        Assert.Contains("Nombre approximatif de personnes concernées 36 820 828", shown.Replace('\u202F', ' ').Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("Les personnes ont-elles été informées ? Pas encore, c’est prévu", shown, StringComparison.Ordinal);

        // The form shows what was saved, and saving it as it is changes nothing.
        var again = await RecordForm.OpenAsync(client, path);
        Assert.Contains("value=\"SocialEngineering\" checked", again.Html, StringComparison.Ordinal);
        Assert.Contains("Faux conseillers</textarea>", again.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Detected.Time\" type=\"time\" step=\"1\" value=\"14:05\"", again.Html, StringComparison.Ordinal);
        var unchanged = await again.PostAsync(client, path, RecordForm.With(RecordForm.With(fields, "Input.HowDiscovered", "Alerte de la supervision\nsur les extractions"), "Input.ApproximatePeople", "36820828"));
        Assert.Equal($"/staff/authority/{reference}?done=unchanged", unchanged.Headers.Location!.OriginalString);
        Assert.Single(await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.AuthorityRecordUpdated), e => e.SubjectId == reference);

        // Back to "not known yet" everywhere, "none ticked" kept apart from "not known yet".
        var third = await RecordForm.OpenAsync(client, path);
        var cleared = RecordForm.With(RecordForm.NothingKnown(), "Input.Types");
        RecordForm.With(cleared, "Input.ProcessorsKnown", "none");
        var clearedResponse = await third.PostAsync(client, path, cleared);
        Assert.Equal(HttpStatusCode.Redirect, clearedResponse.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == reference, Cancel);
            var record = await db.Set<AuthorityRecord>().AsNoTracking().SingleAsync(r => r.IncidentId == incident.Id, Cancel);
            Assert.False(incident.Started.IsKnown);
            Assert.False(incident.Detected.IsKnown);
            Assert.Null(record.Certainty);
            Assert.Null(record.Ongoing);
            Assert.Null(record.HowDiscovered);
            Assert.Null(record.Origins);
            Assert.Equal(BreachTypes.None, record.Types);
            Assert.Equal("", record.Processors);
            Assert.Null(record.ApproximatePeople);
            Assert.Null(record.DirectlyIdentifiable);
            Assert.Null(record.Consequences);
            Assert.Null(record.Informed);
            Assert.Null(record.LateReason);
        }

        var final = new HtmlPage(await client.GetStringAsync($"/staff/authority/{reference}", Cancel)).Text;
        Assert.Contains("Type de violation Aucun", final, StringComparison.Ordinal);
        Assert.Contains("Sous-traitants concernés Aucun sous-traitant concerné", final, StringComparison.Ordinal);
        Assert.Contains("Origine de l’incident Pas encore connu", final, StringComparison.Ordinal);
        var fourth = await RecordForm.OpenAsync(client, path);
        Assert.Contains("id=\"record-origins-unknown\" name=\"Input.Origins\" value=\"unknown\" checked", fourth.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"record-types-unknown\" name=\"Input.Types\" value=\"unknown\" checked", fourth.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_InvalidItems_AreRefusedBesideTheirFields_AndNothingIsSaved()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Unknown, IncidentDate.Unknown);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);
        var path = $"/staff/authority/{reference}/edit";
        var form = await RecordForm.OpenAsync(client, path);
        var fields = RecordForm.NothingKnown();
        RecordForm.With(fields, "Input.StorageMedium", new string('x', AuthorityRecord.TextMaxLength + 1));
        RecordForm.With(fields, "Input.ApproximatePeople", "-5");
        RecordForm.With(fields, "Input.ApproximateRecords", "beaucoup");
        RecordForm.With(fields, "Input.Origins", "unknown", "Phishing");
        RecordForm.With(fields, "Input.HowDiscovered", "Texte tapé");
        RecordForm.With(fields, "Input.Processors", "Majorel");

        var response = await form.PostAsync(client, path, fields);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = new HtmlPage(html).Text;
        Assert.Contains("« Nombre approximatif d’enregistrements concernés » : indiquez un nombre entier", text, StringComparison.Ordinal);
        Assert.Contains("« Origine de l’incident » : cochez « Pas encore connu » ou des réponses, pas les deux.", text, StringComparison.Ordinal);
        Assert.Contains("Vous avez nommé des sous-traitants", text, StringComparison.Ordinal);
        Assert.Contains("« Support des données » : 4000 caractères au plus.", text, StringComparison.Ordinal);
        Assert.Contains("« Nombre approximatif de personnes concernées » ne peut pas être négatif.", text, StringComparison.Ordinal);
        Assert.Contains("id=\"record-approximaterecords-messages\"", html, StringComparison.Ordinal);
        Assert.Contains("Texte tapé</textarea>", html, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var id = await db.Incidents.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync(Cancel);
        Assert.False(await db.Set<AuthorityRecord>().AnyAsync(r => r.IncidentId == id, Cancel));
    }

    [Fact]
    public async Task Edit_SavedBySomeoneElseMeanwhile_IsRefused_KeepsTheTypedValues_AndSavingAgainOverwrites()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Unknown, IncidentDate.Unknown);
        var alice = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);
        var bob = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);
        var path = $"/staff/authority/{reference}/edit";
        var aliceForm = await RecordForm.OpenAsync(alice, path);
        var bobForm = await RecordForm.OpenAsync(bob, path);

        var aliceSaved = await aliceForm.PostAsync(alice, path, RecordForm.With(RecordForm.NothingKnown(), "Input.StorageMedium", "Serveur d'Alice"));
        var bobFields = RecordForm.With(RecordForm.NothingKnown(), "Input.StorageMedium", "Serveur de Bob");
        RecordForm.With(bobFields, "Input.ImmediateMeasures", "Mesure de Bob");
        var bobRefused = await bobForm.PostAsync(bob, path, bobFields);
        var html = await bobRefused.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.Redirect, aliceSaved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobRefused.StatusCode);
        var conflict = new HtmlPage(html).Element("record-conflict").Text;
        Assert.Contains("Quelqu’un a enregistré la fiche entre-temps", conflict, StringComparison.Ordinal);
        Assert.Contains("Support des données", conflict, StringComparison.Ordinal);
        Assert.Contains("Mesures immédiates", conflict, StringComparison.Ordinal);
        Assert.Contains("Serveur de Bob</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("Mesure de Bob</textarea>", html, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            var id = await db.Incidents.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync(Cancel);
            var record = await db.Set<AuthorityRecord>().AsNoTracking().SingleAsync(r => r.IncidentId == id, Cancel);
            Assert.Equal("Serveur d'Alice", record.StorageMedium);
            Assert.Null(record.ImmediateMeasures);
        }

        // Bob read the warning; the refused page carries the saved version, so his second save is deliberate.
        var retry = await FormPage.PostAsync(bob, path, FormPage.Token(html), bobFields
            .Concat([new("Input.Version", Hidden(html, "Input.Version")), new("Input.Dates", Hidden(html, "Input.Dates"))])
            .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var id = await db.Incidents.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync(Cancel);
            Assert.Equal("Serveur de Bob", (await db.Set<AuthorityRecord>().AsNoTracking().SingleAsync(r => r.IncidentId == id, Cancel)).StorageMedium);
        }
    }

    [Fact]
    public async Task Edit_IncidentDatesChangedMeanwhile_IsRefused()
    {
        var reference = await AuthorityRecordData.CreateIncidentAsync(app.ConnectionString, IncidentDate.Unknown, IncidentDate.Unknown);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);
        var path = $"/staff/authority/{reference}/edit";
        var form = await RecordForm.OpenAsync(client, path);
        await using (var db = app.CreateDbContext())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Reference == reference, Cancel);
            incident.Detected = IncidentDate.Day(2024, 1, 2);
            await db.SaveChangesAsync(Cancel);
        }

        var response = await form.PostAsync(client, path, RecordForm.NothingKnown());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Date de découverte", (await HtmlPage.ReadAsync(response)).Element("record-conflict").Text, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(IncidentDate.Day(2024, 1, 2), (await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == reference, Cancel)).Detected);
        }
    }

    [Fact]
    public async Task Pages_InEnglish_ShowTheEnglishTexts()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var index = await client.GetAsync("/en/staff/authority", Cancel);
        var record = new HtmlPage(await client.GetStringAsync("/en/staff/authority/FT-2024-03", Cancel));
        var edit = new HtmlPage(await client.GetStringAsync("/en/staff/authority/FT-2024-03/edit", Cancel));

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("Notifications to the CNIL", (await HtmlPage.ReadAsync(index)).Heading);
        Assert.Equal("en", record.Language);
        Assert.Equal("CNIL record of incident FT-2024-03", record.Heading);
        Assert.Contains("Breach established or suspected Not known yet", record.Text, StringComparison.Ordinal);
        Assert.Contains("Notified late, reason missing", record.Text, StringComparison.Ordinal);
        Assert.Equal("Edit the CNIL record of incident FT-2024-03", edit.Heading);
        Assert.Contains("Exact date and time", edit.Text, StringComparison.Ordinal);
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(new HtmlPage(html).Between($"name=\"{name}\" value=\"", "\"").Html);
}
