using System.Numerics;
using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Authority.Art33;

public sealed class Art33ReportTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_AfterImports_CountsPeopleAndCategoriesAsImported()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        var other = await NotificationIncidents.CopyOfDemoAsync(app, "PE-2023-08");
        var withBoth = await NotificationPeople.ImportAsync(app.Factory, incident, 5);
        var withoutEmail = await NotificationPeople.ImportAsync(app.Factory, incident, 3, email: false);
        var withoutPhone = await NotificationPeople.ImportAsync(app.Factory, incident, 2, phone: null);
        await NotificationPeople.ImportAsync(app.Factory, other, 4);
        IReadOnlyList<NotifiedPerson> everyone = [.. withBoth, .. withoutEmail, .. withoutPhone];

        var report = await BuildAsync(incident);

        var registry = report.Scope.Registry;
        Assert.Equal(everyone.Count, registry.People);
        Assert.Equal(everyone.Count, registry.Records);
        Assert.Equal(everyone.Count(p => p.Email is not null), PeopleWith(report, DataCategories.Email));
        Assert.Equal(everyone.Count(p => p.Phone is not null), PeopleWith(report, DataCategories.Phone));
        Assert.Equal(everyone.Count, PeopleWith(report, DataCategories.SocialSecurityNumber));
        Assert.Equal(everyone.Count, PeopleWith(report, DataCategories.LastName));

        // Every category, and the data items, recounted in memory from the rows the imports wrote.
        await using var db = app.CreateDbContext();
        var id = await db.Incidents.Where(i => i.Reference == incident).Select(i => i.Id).SingleAsync(Cancel);
        var rows = await db.Set<Exposure>().AsNoTracking().Where(e => e.IncidentId == id).Select(e => e.Categories).ToListAsync(Cancel);
        var expected = Enum.GetValues<DataCategories>()
            .Where(c => c != DataCategories.None)
            .Select(c => (Category: c, People: (long)rows.Count(r => r.HasFlag(c))))
            .Where(c => c.People > 0)
            .ToList();
        Assert.Equal(expected, registry.PeoplePerCategory.Where(c => c.People > 0).Select(c => (c.Category, c.People)).ToList());
        Assert.Equal(rows.Sum(r => (long)BitOperations.PopCount((ulong)r)), registry.DataItems);

        // The other incident's people are its own; it does not expose email addresses even though the file had them.
        var otherReport = await BuildAsync(other);
        Assert.Equal(4, otherReport.Scope.Registry.People);
        Assert.Equal(0, PeopleWith(otherReport, DataCategories.Email));
        Assert.Equal(4, PeopleWith(otherReport, DataCategories.SocialSecurityNumber));
    }

    [Fact]
    public async Task Build_WithoutAuthorityRecord_LeavesTheFormItemsNotKnown_AndListsTheExposedCategoriesAtZero()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);

        var report = await BuildAsync(incident);

        Assert.Equal(incident, report.IncidentReference);
        Assert.Null(report.Nature.Certainty);
        Assert.Null(report.Nature.Origins);
        Assert.Null(report.Scope.DeclaredPeople);
        Assert.Null(report.PeopleInformed.Informed);
        Assert.NotNull(report.Nature.Detected);
        Assert.Equal(0, report.Scope.Registry.People);
        Assert.Contains(DataCategories.SocialSecurityNumber, report.Scope.DataCategories);
        Assert.All(report.Scope.Registry.PeoplePerCategory, c => Assert.Equal(0, c.People));
        Assert.Equal(report.Scope.DataCategories, report.Scope.Registry.PeoplePerCategory.Select(c => c.Category).ToList());
    }

    [Fact]
    public async Task Build_WithARecord_ReportsItsAnswers_AndTheJsonHasTheDocumentedProperties()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        await using (var db = app.CreateDbContext())
        {
            var id = await db.Incidents.Where(i => i.Reference == incident).Select(i => i.Id).SingleAsync(Cancel);
            db.Add(new AuthorityRecord
            {
                IncidentId = id,
                Certainty = BreachCertainty.Established,
                Ongoing = false,
                Origins = BreachOrigins.SocialEngineering | BreachOrigins.CredentialMisuse,
                Types = BreachTypes.Confidentiality,
                Processors = "",
                ApproximatePeople = 43_000_000,
                Consequences = LikelyConsequences.Phishing,
                ImmediateMeasures = "Comptes des conseillers suspendus",
                Informed = PeopleInformed.Planned,
                LateReason = "   ",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Cancel);
        }

        var report = await BuildAsync(incident);
        var json = report.ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["schemaVersion", "incidentReference", "incidentTitle", "generatedAt", "nature", "scope", "dpoContact", "consequences", "measures", "peopleInformed", "timeliness"],
            Names(root));
        Assert.Equal(
            ["summary", "vector", "certainty", "ongoing", "started", "ended", "detected", "howDiscovered", "origins", "originDetail", "types", "cause", "processors", "storageMedium"],
            Names(root.GetProperty("nature")));
        Assert.Equal(
            ["dataCategories", "notExposedCategories", "peopleCategories", "directlyIdentifiable", "registry", "declaredPeople", "declaredRecords", "estimatedPeople"],
            Names(root.GetProperty("scope")));
        Assert.Equal(["people", "records", "dataItems", "peoplePerCategory"], Names(root.GetProperty("scope").GetProperty("registry")));
        Assert.Equal(["category", "people"], Names(root.GetProperty("scope").GetProperty("registry").GetProperty("peoplePerCategory")[0]));
        Assert.Equal(["description", "likely", "detail"], Names(root.GetProperty("consequences")));
        Assert.Equal(["description", "immediate", "mediumTerm", "longTerm"], Names(root.GetProperty("measures")));
        Assert.Equal(["informed", "how", "publicDisclosure"], Names(root.GetProperty("peopleInformed")));
        Assert.Equal(["state", "deadline", "authorityNotified", "lateReason"], Names(root.GetProperty("timeliness")));
        Assert.Equal(["fr", "en"], Names(root.GetProperty("dpoContact")));
        Assert.Equal(["at", "precision"], Names(root.GetProperty("nature").GetProperty("detected")));

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(incident, root.GetProperty("incidentReference").GetString());
        Assert.Equal("established", root.GetProperty("nature").GetProperty("certainty").GetString());
        Assert.False(root.GetProperty("nature").GetProperty("ongoing").GetBoolean());
        Assert.Equal(["socialEngineering", "credentialMisuse"], root.GetProperty("nature").GetProperty("origins").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("nature").GetProperty("cause").ValueKind);
        Assert.Equal("", root.GetProperty("nature").GetProperty("processors").GetString());
        Assert.Equal("day", root.GetProperty("nature").GetProperty("detected").GetProperty("precision").GetString());
        Assert.Contains("socialSecurityNumber", root.GetProperty("scope").GetProperty("dataCategories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(43_000_000, root.GetProperty("scope").GetProperty("declaredPeople").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("scope").GetProperty("declaredRecords").ValueKind);
        Assert.Equal("Comptes des conseillers suspendus", root.GetProperty("measures").GetProperty("immediate").GetString());
        Assert.Equal("planned", root.GetProperty("peopleInformed").GetProperty("informed").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("timeliness").GetProperty("lateReason").ValueKind);

        // The snapshot kept with a notification reads back as the same report.
        var back = Art33Report.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(report.Nature.Origins, back.Nature.Origins);
        Assert.Equal(report.Scope.Registry.PeoplePerCategory, back.Scope.Registry.PeoplePerCategory);
    }

    private async Task<Art33Report> BuildAsync(string reference)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<Art33Reports>().BuildAsync(reference, Cancel);
        return Assert.IsType<Art33Report>(report);
    }

    private static long PeopleWith(Art33Report report, DataCategories category) =>
        report.Scope.Registry.PeoplePerCategory.SingleOrDefault(c => c.Category == category)?.People ?? 0;

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
