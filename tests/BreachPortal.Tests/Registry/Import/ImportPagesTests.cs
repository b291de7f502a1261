using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff;

namespace BreachPortal.Tests.Registry.Import;

public sealed partial class ImportPagesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_StreamsTheFileIntoTheRegistry_ThenShowsTheBatchWithItsReasonsAndReport()
    {
        var client = await OperatorAsync();
        var nirs = Enumerable.Range(0, 4).Select(_ => RegistryCsv.NewNir()).ToArray();
        var badEmail = $"marie.{nirs[3][^6..]}.example.fr";
        var csv = RegistryCsv.File(RegistryCsv.Row(nirs[0]), RegistryCsv.Row(nirs[1]), RegistryCsv.Row(nirs[2]), RegistryCsv.Row(nirs[3], email: badEmail, lastName: "Zébulon"));
        var form = await FormAsync(client);

        var response = await PostFileAsync(client, form.Action, "FT-2024-03", csv);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var batchPath = response.Headers.Location!.OriginalString;
        Assert.Matches("^/staff/imports/[0-9]+$", batchPath);
        var batch = await HtmlPage.ReadAsync(await client.GetAsync(batchPath, Ct));
        Assert.Contains("terminé", batch.Text, StringComparison.Ordinal);
        Assert.Contains("L'adresse électronique n'a pas de @.", batch.Text, StringComparison.Ordinal);
        var report = await client.GetAsync(batchPath + "?handler=Rejects", Ct);
        Assert.Equal("text/csv", report.Content.Headers.ContentType!.MediaType);
        var reportText = await report.Content.ReadAsStringAsync(Ct);
        Assert.Contains("5,email,L'adresse électronique n'a pas de @.", reportText, StringComparison.Ordinal);
        Assert.DoesNotContain(badEmail, reportText, StringComparison.Ordinal);
        Assert.DoesNotContain(nirs[3], reportText, StringComparison.Ordinal);
        Assert.DoesNotContain("Zébulon", reportText + batch.Html, StringComparison.Ordinal);

        var progress = JsonDocument.Parse(await client.GetStringAsync(form.ProgressUrl, Ct)).RootElement;
        Assert.Equal("Completed", progress.GetProperty("phase").GetString());
        Assert.Equal(3, progress.GetProperty("imported").GetInt64());
        Assert.Equal(4, progress.GetProperty("rowsRead").GetInt64());
    }

    [Fact]
    public async Task Upload_WithoutAValidTicket_IsRefusedBeforeReadingTheFile()
    {
        var client = await OperatorAsync();
        var colleague = await OperatorAsync();
        var othersForm = await FormAsync(colleague);

        var forged = await PostFileAsync(client, "/staff/imports/upload?ticket=forged", "FT-2024-03", RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir())));
        var stolen = await PostFileAsync(client, othersForm.Action, "FT-2024-03", RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir())));

        Assert.Equal("/staff/imports?error=Ticket", forged.Headers.Location!.OriginalString);
        Assert.Equal("/staff/imports?error=Ticket", stolen.Headers.Location!.OriginalString);
        var page = await HtmlPage.ReadAsync(await client.GetAsync("/staff/imports?error=Ticket", Ct));
        Assert.Contains("Le formulaire a expiré ou ne vous appartient pas", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfAFileAlreadyImported_ShowsTheRefusal()
    {
        var client = await OperatorAsync();
        var csv = RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir()));
        await PostFileAsync(client, (await FormAsync(client)).Action, "FT-2024-03", csv);

        var second = await PostFileAsync(client, (await FormAsync(client)).Action, "FT-2024-03", csv);

        var page = await HtmlPage.ReadAsync(await client.GetAsync(second.Headers.Location!.OriginalString, Ct));
        Assert.Contains("Ce fichier (même empreinte SHA-256) a déjà été importé", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportList_ShowsRecentBatches_InEnglishToo()
    {
        var client = await OperatorAsync();
        await PostFileAsync(client, (await FormAsync(client)).Action, "PE-2023-08", RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir())));

        var page = await HtmlPage.ReadAsync(await client.GetAsync("/en/staff/imports", Ct));

        Assert.Contains("Latest imports", page.Text, StringComparison.Ordinal);
        Assert.Contains("PE-2023-08", page.Text, StringComparison.Ordinal);
        Assert.Contains("completed", page.Text, StringComparison.Ordinal);
    }

    private async Task<HttpClient> OperatorAsync()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        return await staff.SignInAsync(app.Factory);
    }

    private static async Task<(string Action, string ProgressUrl)> FormAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/staff/imports", Ct);
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var progress = WebUtility.HtmlDecode(ProgressAttribute().Match(html).Groups[1].Value);
        Assert.StartsWith("/staff/imports/upload?ticket=", action, StringComparison.Ordinal);
        return (action, progress);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string action, string incident, string csv)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(incident), "incident" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "extrait.csv");
        return await client.PostAsync(action, content, Ct);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"import-form\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("data-progress=\"([^\"]+)\"")]
    private static partial Regex ProgressAttribute();
}
