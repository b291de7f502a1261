using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Reports;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Pages.Verify;

/// <summary>The report form allows 10 submissions an hour from one address: this class stays below.</summary>
public sealed class ReportPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Path = "/verify/report";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_WithACode_PrefillsItNormalised_AndIgnoresWhatIsNotACode()
    {
        var client = app.CreateClient();

        var prefilled = await HtmlPage.ReadAsync(await client.GetAsync(Path + "?code=k7m3%20q9px%204trw", Cancel));
        var junk = await HtmlPage.ReadAsync(await client.GetAsync(Path + "?code=%3Cscript%3Ex", Cancel));

        Assert.Equal("Signaler un message frauduleux envoyé en notre nom", prefilled.Heading);
        Assert.Contains("value=\"K7M3-Q9PX-4TRW\"", prefilled.Html, StringComparison.Ordinal);
        Assert.Contains("N'y mettez pas vos propres données personnelles", prefilled.Text, StringComparison.Ordinal);
        Assert.Contains("type=\"date\"", prefilled.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("script>x", junk.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;script", junk.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StoresTheReportScrubbed_AndThanksThePerson()
    {
        var code = await VerifyLedger.CampaignMessageAsync(app, "FT-2024-03", personId: 42, MessageChannel.Sms, MessageStatus.Sent, sent: true);
        var client = app.CreateClient();
        var receivedOn = DateOnly.FromDateTime(DateTime.UtcNow);
        var text = $"""
            France Travail : votre dossier est suspendu. Mettez à jour vos informations sur https://ft-dossier.example.com/maj?id=ab12cd avant 48 h.
            Questions : jean.dupont@example.fr ou 06 12 34 56 78. Code {code}
            """;

        var response = await FormPage.SubmitAsync(client, Path, Path, new Dictionary<string, string>
        {
            ["Input.Channel"] = "Sms",
            ["Input.ReceivedOn"] = receivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReferenceCode"] = code.ToLowerInvariant(),
            ["Input.Sender"] = "07 98 76 54 32",
            ["Input.Text"] = text,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/verify/report/sent", response.Headers.Location!.OriginalString);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var report = await LatestReportAsync();
        Assert.Equal(ReportedChannel.Sms, report.Channel);
        Assert.Equal(receivedOn, report.ReceivedOn);
        Assert.Equal(code, report.ClaimedReferenceCode);
        Assert.True(report.ClaimedReferenceKnown);
        Assert.Equal("+33 • •• •• •• 32", report.SenderMasked);
        Assert.Equal("ft-dossier.example.com", report.LinkHosts);
        Assert.Equal("fr", report.Language);
        Assert.Null(report.ReviewedAt);
        Assert.Contains("[ft-dossier.example.com]", report.Description, StringComparison.Ordinal);
        Assert.Contains("j•••@example.fr", report.Description, StringComparison.Ordinal);
        Assert.Contains("avant 48 h", report.Description, StringComparison.Ordinal);
        foreach (var clear in new[] { "jean.dupont", "06 12 34 56 78", "ab12cd", "https://", "07 98 76 54 32" })
        {
            Assert.DoesNotContain(clear, report.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(clear, report.SenderMasked, StringComparison.Ordinal);
        }

        var thanks = await HtmlPage.ReadAsync(await client.GetAsync(response.Headers.Location, Cancel));
        Assert.Equal("Merci, votre signalement est enregistré", thanks.Heading);
        Assert.Contains("pas de réponse individuelle", thanks.Text, StringComparison.Ordinal);
        Assert.Contains("33700", thanks.Text, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex", thanks.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InEnglish_WithAnUnknownCode_IsStoredInEnglishAndNotClaimedAsOurs()
    {
        var response = await FormPage.SubmitAsync(app.CreateClient(), "/en" + Path, "/en" + Path, new Dictionary<string, string>
        {
            ["Input.Channel"] = "PhoneCall",
            ["Input.ReferenceCode"] = ReferenceCode.New(),
            ["Input.Sender"] = "SERVICE-FT",
            ["Input.Text"] = "A man said he was an adviser and asked for the code I had just received.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/en/verify/report/sent", response.Headers.Location!.OriginalString);
        var report = await LatestReportAsync();
        Assert.Equal("en", report.Language);
        Assert.Equal(ReportedChannel.PhoneCall, report.Channel);
        Assert.False(report.ClaimedReferenceKnown);
        Assert.Equal("SERVICE-FT", report.SenderMasked);
        Assert.Null(report.LinkHosts);
        Assert.Null(report.ReceivedOn);
    }

    [Fact]
    public async Task Post_WithoutTextNorChannel_SaysBothBesideTheirFields_AndStoresNothing()
    {
        var before = await CountAsync();

        var response = await FormPage.SubmitAsync(app.CreateClient(), Path, Path, new Dictionary<string, string>
        {
            ["Input.Sender"] = "AMELI",
            ["Input.Text"] = "   ",
        });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Le signalement n'a pas été envoyé", page.Text, StringComparison.Ordinal);
        Assert.Contains("Copiez le texte du message ou décrivez-le.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Indiquez comment vous avez reçu ce message.", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"report-text-hint report-text-messages\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("fr-fieldset--error", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"AMELI\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("2001-01-01")]
    [InlineData("31/02/2024")]
    [InlineData("hier")]
    public async Task Post_WithADateThatCannotBeTheDayReceived_IsRefused(string date)
    {
        var before = await CountAsync();

        var page = await HtmlPage.ReadAsync(await FormPage.SubmitAsync(app.CreateClient(), Path, Path, new Dictionary<string, string>
        {
            ["Input.Channel"] = "Email",
            ["Input.ReceivedOn"] = date,
            ["Input.Text"] = "Un faux courriel.",
        }));

        Assert.Contains("La date de réception doit être une date réelle des deux dernières années", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Post_WithASenderTooLong_SaysSoBesideTheSender_AndStoresNothing()
    {
        var before = await CountAsync();

        var page = await HtmlPage.ReadAsync(await FormPage.SubmitAsync(app.CreateClient(), Path, Path, new Dictionary<string, string>
        {
            ["Input.Channel"] = "Other",
            ["Input.Sender"] = new string('x', FakeMessageReport.SenderMaxLength + 1),
            ["Input.Text"] = "Un message sur une messagerie.",
        }));

        Assert.Contains("Ce texte est trop long : 200 caractères au plus.", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"report-sender-hint report-sender-messages\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    private async Task<FakeMessageReport> LatestReportAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Set<FakeMessageReport>().AsNoTracking().OrderByDescending(r => r.Id).FirstAsync(Cancel);
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Set<FakeMessageReport>().CountAsync(Cancel);
    }
}
