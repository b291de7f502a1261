using System.Net;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Pages;

public sealed class HomePageTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Home_InFrench_ListsBothIncidentsWithTheirPages()
    {
        var page = await HtmlPage.ReadAsync(await app.CreateClient().GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Equal("/incidents/FT-2024-03", page.LinkHref("Cyberattaque contre France Travail et Cap emploi (février–mars 2024)"));
        Assert.Equal("/incidents/PE-2023-08", page.LinkHref("Vol de données chez un prestataire de Pôle emploi (2023)"));
        Assert.Contains("36 820 828 personnes concernées", page.Text, StringComparison.Ordinal);
        Assert.Contains("10 000 000 personnes concernées", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "Que faire maintenant ?", "Reconnaître un message frauduleux après cette fuite", "Où signaler ?", "Nos messages ne contiennent jamais de lien")]
    [InlineData("/en", "What to do now", "Recognising a fraudulent message after this breach", "Where to report", "Our messages never contain a link")]
    public async Task Home_GivesAdviceAndWhereToReport(string path, params string[] sections)
    {
        var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(sections, section => Assert.Contains(section, page.Text, StringComparison.Ordinal));
        Assert.Contains("33700", page.Text, StringComparison.Ordinal);
        Assert.Contains(page.Links, l => l.Href == "https://17cyber.gouv.fr");
        Assert.Contains(page.Links, l => l.Href == "https://www.cybermalveillance.gouv.fr");
        Assert.Contains(page.Links, l => l.Href == "https://www.service-public.fr");
        Assert.Contains("THESEE", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_InDevelopment_SaysItIsADemonstration()
    {
        var page = await HtmlPage.ReadAsync(await app.CreateClient().GetAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains("Site de démonstration", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WritesAccentsAsTextButStillEncodesMarkup()
    {
        var html = (await HtmlPage.ReadAsync(await app.CreateClient().GetAsync("/", TestContext.Current.CancellationToken))).Html;

        Assert.Contains("Site de démonstration", html, StringComparison.Ordinal);
        Assert.Contains("l&#x27;information officielle", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_LoadNoScriptOrStyleInline()
    {
        var html = (await HtmlPage.ReadAsync(await app.CreateClient().GetAsync("/incidents/FT-2024-03", TestContext.Current.CancellationToken))).Html;

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("\\sstyle=\"", html);
        Assert.DoesNotMatch("\\son[a-z]+=\"", html);
    }
}
