using System.Net;
using System.Text;
using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Authority.Art34;

public sealed class Art34PageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Incident = "PE-2023-08";
    private const string PagePath = $"/staff/authority/{Incident}/art34";
    private const string FormulaName = "=HYPERLINK(\"http://x\")";

    private static readonly Dictionary<string, string[]> Columns = new(StringComparer.Ordinal)
    {
        ["summary"] = ["incident_reference", "generated_at_utc", "people_to_inform", "people_unreachable", "people_with_message", "people_informed", "people_not_informed", "campaigns", "people_counted_at_utc", "people_count_current"],
        ["channels"] = ["channel", "people_with_message", "people_informed", "people_delivered", "messages_written", "messages_handed_to_provider", "messages_awaiting_receipt", "messages_delivered", "messages_permanent_failure", "messages_technical_failure", "messages_pending", "messages_cancelled"],
        ["failures"] = ["channel", "status", "failure_reason", "messages"],
        ["daily"] = ["date", "channel", "messages_sent", "messages_delivered", "messages_failed"],
        ["templates"] = ["campaign_id", "campaign_name", "channel", "template_id", "template_version", "template_language", "messages"],
        ["campaigns"] = ["campaign_id", "name", "status", "policy", "language", "created_at_utc", "approved_at_utc", "started_at_utc", "ended_at_utc", "people_count", "unreachable_count"],
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StaffRoles.CnilLiaison)]
    [InlineData(StaffRoles.Operator)]
    public async Task Page_AsAReader_ShowsTheTables_AndIsAudited(string role)
    {
        var staff = await TestStaff.CreateAsync(app.Factory, role);
        var client = await staff.SignInAsync(app.Factory);

        var response = await client.GetAsync(PagePath, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal($"Preuves de l’information des personnes (art. 34) — {Incident}", page.Heading);
        foreach (var table in new[] { "art34-summary", "art34-channels" })
        {
            Assert.Contains($"<table id=\"{table}\"", page.Html, StringComparison.Ordinal);
        }

        Assert.Contains("<caption>", page.Html, StringComparison.Ordinal);
        Assert.Contains("scope=\"row\"", page.Html, StringComparison.Ordinal);
        var json = await client.GetAsync(page.LinkHref("Tout, au format JSON"), Cancel);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var daily = await client.GetAsync(page.LinkHref("Par jour, au format CSV"), Cancel);
        Assert.Equal(HttpStatusCode.OK, daily.StatusCode);
        Assert.Equal("text/csv", daily.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith($"art34-{Incident}-daily-", daily.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        var viewed = await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art34EvidenceViewed);
        Assert.Contains(viewed, e => e.ActorId == staff.Id && e.SubjectType == AuditSubjects.Incident && e.SubjectId == Incident);
    }

    [Fact]
    public async Task Page_InEnglish_IsTranslated()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var response = await client.GetAsync($"/en{PagePath}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("en", page.Language);
        Assert.Equal($"Evidence that people were informed (Art. 34) — {Incident}", page.Heading);
        Assert.Contains("People to inform", page.Text, StringComparison.Ordinal);
        Assert.Contains("Campaign timeline", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRoles.Auditor)]
    [InlineData(StaffRoles.Administrator)]
    public async Task PageAndExports_WithoutAReaderRole_AreForbidden(string role)
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, role)).SignInAsync(app.Factory);

        foreach (var path in new[] { PagePath, $"{PagePath}?handler=json", $"{PagePath}?handler=csv&part=summary" })
        {
            var response = await client.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [InlineData(StaffRoles.CnilLiaison)]
    [InlineData(StaffRoles.Operator)]
    public async Task CsvExports_ParseWithTheDocumentedColumns_AndAreAudited(string role)
    {
        await LaunchAsync("Campagne CSV");
        var staff = await TestStaff.CreateAsync(app.Factory, role);
        var client = await staff.SignInAsync(app.Factory);

        foreach (var (part, columns) in Columns)
        {
            var response = await client.GetAsync($"{PagePath}?handler=csv&part={part}", Cancel);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.StartsWith($"art34-{Incident}-{part}-", response.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
            var records = CsvText.Records(await TextAsync(response), columns);
            if (part is not ("failures" or "daily"))
            {
                Assert.NotEmpty(records);
            }
        }

        var summary = CsvText.Records(await TextAsync(await client.GetAsync($"{PagePath}?handler=csv&part=summary", Cancel)), Columns["summary"]);
        Assert.Equal(Incident, Assert.Single(summary)["incident_reference"]);
        var channels = CsvText.Records(await TextAsync(await client.GetAsync($"{PagePath}?handler=csv&part=channels", Cancel)), Columns["channels"]);
        Assert.Equal(["email", "sms"], channels.Select(c => c["channel"]));
        Assert.All(channels, c => Assert.True(long.Parse(c["messages_written"], System.Globalization.CultureInfo.InvariantCulture) >= 1));

        var exported = await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art34EvidenceExported);
        foreach (var part in Columns.Keys)
        {
            Assert.Contains(exported, e => e.ActorId == staff.Id && e.SubjectType == AuditSubjects.Incident && e.SubjectId == Incident && e.Detail == $"format=csv part={part}");
        }
    }

    [Fact]
    public async Task CsvExport_ACampaignNameStartingWithEquals_IsNeutralised()
    {
        await LaunchAsync(FormulaName);
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        var campaigns = await TextAsync(await client.GetAsync($"{PagePath}?handler=csv&part=campaigns", Cancel));
        var templates = await TextAsync(await client.GetAsync($"{PagePath}?handler=csv&part=templates", Cancel));

        Assert.Contains(CsvText.Records(campaigns, Columns["campaigns"]), r => r["name"] == "'" + FormulaName);
        Assert.DoesNotContain(CsvText.Records(campaigns, Columns["campaigns"]), r => r["name"].StartsWith('='));
        Assert.Contains(CsvText.Records(templates, Columns["templates"]), r => r["campaign_name"] == "'" + FormulaName);
    }

    [Fact]
    public async Task CsvExport_AnUnknownPart_IsABadRequestThatSaysWhichPartsExist()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        foreach (var path in new[] { $"{PagePath}?handler=csv&part=people", $"{PagePath}?handler=csv" })
        {
            var response = await client.GetAsync(path, Cancel);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.Contains("summary, channels, failures, daily, templates, campaigns", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Exports_OfAnUnknownIncident_AreNotFound()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison)).SignInAsync(app.Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/authority/XX-0000-00/art34", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/authority/XX-0000-00/art34?handler=json", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/authority/XX-0000-00/art34?handler=csv&part=daily", Cancel)).StatusCode);
    }

    [Fact]
    public async Task JsonExport_ParsesWithTheDocumentedProperties_AndIsAudited()
    {
        await LaunchAsync("Campagne JSON");
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await staff.SignInAsync(app.Factory);

        var response = await client.GetAsync($"{PagePath}?handler=json", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = json.RootElement;
        Assert.Equal(["incidentReference", "generatedAt", "summary", "channels", "failures", "daily", "templates", "campaigns"], Names(root));
        Assert.Equal(Incident, root.GetProperty("incidentReference").GetString());
        Assert.Equal(
            ["peopleToInform", "peopleUnreachable", "peopleWithMessage", "peopleInformed", "campaignCount", "peopleCountedAt", "peopleCountCurrent", "peopleNotInformed"],
            Names(root.GetProperty("summary")));
        var channels = root.GetProperty("channels").EnumerateArray().ToList();
        Assert.Equal(["email", "sms"], channels.Select(c => c.GetProperty("channel").GetString()));
        Assert.Equal(
            ["channel", "peopleWithMessage", "peopleInformed", "peopleDelivered", "messagesWritten", "messagesHandedToProvider", "messagesAwaitingReceipt", "messagesDelivered",
                "messagesPermanentFailure", "messagesTechnicalFailure", "messagesPending", "messagesCancelled"],
            Names(channels[0]));
        var template = root.GetProperty("templates").EnumerateArray().First();
        Assert.Equal(["campaignId", "campaignName", "channel", "templateId", "templateVersion", "templateLanguage", "messages"], Names(template));
        var campaign = root.GetProperty("campaigns").EnumerateArray().First(c => c.GetProperty("name").GetString() == "Campagne JSON");
        Assert.Equal(
            ["campaignId", "name", "status", "policy", "language", "createdAt", "approvedAt", "startedAt", "endedAt", "peopleCount", "unreachableCount"],
            Names(campaign));
        Assert.Equal("running", campaign.GetProperty("status").GetString());
        Assert.Equal("both", campaign.GetProperty("policy").GetString());
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("endedAt").ValueKind);
        Assert.DoesNotContain("@example.fr", json.RootElement.GetRawText(), StringComparison.Ordinal);

        var exported = await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.Art34EvidenceExported);
        Assert.Contains(exported, e => e.ActorId == staff.Id && e.SubjectId == Incident && e.Detail == "format=json");
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>The body, checking it is UTF-8 with a byte order mark (so spreadsheets read the accents).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "No UTF-8 byte order mark.");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
    }

    private async Task LaunchAsync(string name)
    {
        await NotificationPeople.ImportAsync(app.Factory, Incident, 2);
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var created = await campaigns.CreateAsync(new CampaignDraft { IncidentReference = Incident, Name = name, Policy = ChannelPolicy.Both }, LookupPeople.ActorOf(creator), Cancel);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await campaigns.ApproveAsync(created.Campaign!.Id, LookupPeople.ActorOf(approver), Cancel)).Succeeded);
        var started = await campaigns.StartAsync(created.Campaign.Id, LookupPeople.ActorOf(creator), null, Cancel);
        Assert.True(started.Succeeded, started.Message);
    }
}
