using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Data;
using BreachPortal.Web.Demo;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachPortal.Tests.Notifications.Templates;

public sealed class TemplateServiceTests(PostgresServer server)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly AuditActor Editor = new(Guid.CreateVersion7(), "e•••@agence.example.fr", "192.0.2.10");

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveVersion_ValidDraft_IsVersion1ThenVersion2WithAuthorAndTime()
    {
        var (connectionString, incidentId) = await IncidentAsync();
        await using var db = PostgresServer.CreateContext(connectionString);
        var service = Service(db);

        var first = await service.SaveVersionAsync(Draft(incidentId, "Première"), Editor, _cancellationToken);
        var second = await service.SaveVersionAsync(Draft(incidentId, "Seconde"), Editor, _cancellationToken);

        Assert.True(first.Succeeded, string.Join(" | ", first.Problems.Select(p => p.Message.En)));
        Assert.Equal(1, first.Saved!.Version);
        Assert.Equal(2, second.Saved!.Version);
        Assert.Equal(Editor.StaffId, second.Saved.CreatedBy);
        Assert.Equal(Now, second.Saved.CreatedAt);
    }

    [Fact]
    public async Task SaveVersion_NewVersion_LeavesTheEarlierOneAsItWas()
    {
        var (connectionString, incidentId) = await IncidentAsync();
        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await Service(db).SaveVersionAsync(Draft(incidentId, "Première"), Editor, _cancellationToken);
            await Service(db).SaveVersionAsync(Draft(incidentId, "Seconde"), Editor, _cancellationToken);
        }

        await using var check = PostgresServer.CreateContext(connectionString);
        var versions = await Service(check).ListAsync(incidentId, _cancellationToken);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.StartsWith("Seconde", versions[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith("Première", versions[1].Subject, StringComparison.Ordinal);
        Assert.Equal("Seconde", (await Service(check).LatestAsync(incidentId, MessageChannel.Email, "fr", _cancellationToken))!.Subject![..7]);
        Assert.Equal(versions[1].Subject, (await Service(check).GetAsync(versions[1].Id, _cancellationToken))!.Subject);
    }

    [Fact]
    public void MessageTemplate_HasNoPublicSetter()
    {
        var settable = typeof(MessageTemplate).GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => p.Name);

        Assert.Empty(settable);
    }

    [Fact]
    public async Task SaveVersion_TenAtOnce_GetVersionsOneToTen()
    {
        var (connectionString, incidentId) = await IncidentAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(async i =>
        {
            await using var db = PostgresServer.CreateContext(connectionString);
            return await Service(db).SaveVersionAsync(Draft(incidentId, $"Version {i}"), Editor, _cancellationToken);
        }));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(Enumerable.Range(1, 10), results.Select(r => r.Saved!.Version).Order());
        var audited = await AuditTrail.OfTypeAsync(connectionString, AuditEventType.TemplateVersionSaved);
        Assert.Equal(10, audited.Count);
    }

    [Fact]
    public async Task SaveVersion_IsAuditedWithoutPersonalData()
    {
        var (connectionString, incidentId) = await IncidentAsync();
        await using var db = PostgresServer.CreateContext(connectionString);

        var saved = (await Service(db).SaveVersionAsync(SmsDraft(incidentId, "en"), Editor, _cancellationToken)).Saved!;

        var audited = Assert.Single(await AuditTrail.OfTypeAsync(connectionString, AuditEventType.TemplateVersionSaved));
        Assert.Equal("incident=FT-2024-03 channel=sms language=en version=1", audited.Detail);
        Assert.Equal((AuditSubjects.Template, saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audited.SubjectType, audited.SubjectId));
        Assert.Equal(Editor.StaffId, audited.ActorId);
    }

    [Fact]
    public async Task SaveVersion_DraftWithProblems_SavesNothing()
    {
        var (connectionString, incidentId) = await IncidentAsync();
        await using var db = PostgresServer.CreateContext(connectionString);

        var result = await Service(db).SaveVersionAsync(Draft(incidentId, "Objet") with { TextBody = "Bonjour {{prenom}}, voir www.example.com" }, Editor, _cancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Code == TemplateProblemCodes.UnknownPlaceholder);
        Assert.Contains(result.Problems, p => p.Code == TemplateProblemCodes.WebAddress);
        Assert.Equal(0, await db.Set<MessageTemplate>().CountAsync(_cancellationToken));
        Assert.Empty(await AuditTrail.OfTypeAsync(connectionString, AuditEventType.TemplateVersionSaved));
    }

    [Fact]
    public async Task SaveVersion_UnknownIncident_IsRefused()
    {
        var (connectionString, _) = await IncidentAsync();
        await using var db = PostgresServer.CreateContext(connectionString);

        var result = await Service(db).SaveVersionAsync(Draft(999_999, "Objet"), Editor, _cancellationToken);

        Assert.Equal(TemplateProblemCodes.IncidentNotFound, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public async Task SaveVersion_SmsDraft_ReportsItsWorstCaseSegments()
    {
        var (connectionString, incidentId) = await IncidentAsync();
        await using var db = PostgresServer.CreateContext(connectionString);

        var result = await Service(db).SaveVersionAsync(SmsDraft(incidentId, "fr"), Editor, _cancellationToken);

        Assert.Equal(SmsEncoding.Gsm7, result.Check.WorstCaseSms!.Value.Encoding);
        Assert.Equal(2, result.Check.WorstCaseSms.Value.Segments);
        Assert.Null(result.Saved!.Subject);
    }

    [Fact]
    public async Task SeedDefaults_CreatesFourVersionOnesOnce_AndKeepsWhatStaffWrote()
    {
        var (connectionString, incidentId) = await IncidentAsync();
        await using var db = PostgresServer.CreateContext(connectionString);
        var service = Service(db);
        var written = (await service.SaveVersionAsync(Draft(incidentId, "Écrit par l'équipe"), Editor, _cancellationToken)).Saved!;

        var first = await service.SeedDefaultsAsync(incidentId, _cancellationToken);
        var second = await service.SeedDefaultsAsync(incidentId, _cancellationToken);

        Assert.Equal((3, 0), (first, second));
        var versions = await service.ListAsync(incidentId, _cancellationToken);
        Assert.Equal(4, versions.Count);
        Assert.Equal(written.Id, (await service.LatestAsync(incidentId, MessageChannel.Email, "fr", _cancellationToken))!.Id);
        Assert.All(versions.Where(v => v.Id != written.Id), v => Assert.Equal((1, (Guid?)null), (v.Version, v.CreatedBy)));
        var audited = Assert.Single(await AuditTrail.OfTypeAsync(connectionString, AuditEventType.TemplateDefaultsSeeded));
        Assert.Equal("incident=FT-2024-03 version=1 templates=email/en,sms/fr,sms/en", audited.Detail);
        Assert.Equal("system", audited.Actor);
    }

    [Fact]
    public async Task DemoSeed_WithTemplates_CreatesEightDefaultVersionsThatPassTheRules()
    {
        var connectionString = await server.CreateDatabaseAsync();

        await SeedDemoAsync(connectionString);
        await SeedDemoAsync(connectionString);

        await using var db = PostgresServer.CreateContext(connectionString);
        var templates = await db.Set<MessageTemplate>().AsNoTracking().ToListAsync(_cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().ToDictionaryAsync(i => i.Id, _cancellationToken);
        Assert.Equal(8, templates.Count);
        Assert.Equal(
            [.. new[] { DemoIncidents.FranceTravail2024, DemoIncidents.PoleEmploi2023 }.SelectMany(_ => DefaultTemplates.All, (r, t) => (r, t.Channel, t.Language)).Order()],
            templates.Select(t => (incidents[t.IncidentId].Reference, t.Channel, t.Language)).Order());
        Assert.All(templates, t =>
        {
            Assert.Equal((1, (Guid?)null), (t.Version, t.CreatedBy));
            var draft = new TemplateDraft { IncidentId = t.IncidentId, Channel = t.Channel, Language = t.Language, Subject = t.Subject, TextBody = t.TextBody, HtmlBody = t.HtmlBody };
            Assert.True(TemplateRules.Check(draft, incidents[t.IncidentId], TemplateTestData.PublicUrl).IsValid);
            Assert.NotNull(CompiledTemplate.Compile(t));
        });
    }

    [Fact]
    public void AddNotificationTemplates_RegistersAScopedService()
    {
        var descriptor = Assert.Single(new ServiceCollection().AddNotificationTemplates(), d => d.ServiceType == typeof(TemplateService));

        Assert.Equal(ServiceLifetime.Scoped, descriptor.Lifetime);
    }

    private async Task SeedDemoAsync(string connectionString)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        await new DemoSeeder(db, new FixedClock(Now), Service(db)).SeedAsync(_cancellationToken);
    }

    /// <summary>A database with the two demo incidents and no template; the France Travail incident's id.</summary>
    private async Task<(string ConnectionString, int IncidentId)> IncidentAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var db = PostgresServer.CreateContext(connectionString);
        await new DemoSeeder(db, TimeProvider.System).SeedAsync(_cancellationToken);
        return (connectionString, await db.Incidents.Where(i => i.Reference == DemoIncidents.FranceTravail2024).Select(i => i.Id).SingleAsync(_cancellationToken));
    }

    private static TemplateService Service(PortalDbContext db) =>
        new(db, new AuditLog(db, TimeProvider.System), new FixedClock(Now), Options.Create(new PortalOptions { PublicUrl = TemplateTestData.PublicUrl }));

    private static TemplateDraft Draft(int incidentId, string subjectStart) =>
        DefaultTemplates.For(MessageChannel.Email, "fr").ToDraft(incidentId) with { Subject = $"{subjectStart} : incident {{{{incident_reference}}}}" };

    private static TemplateDraft SmsDraft(int incidentId, string language) => DefaultTemplates.For(MessageChannel.Sms, language).ToDraft(incidentId);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
