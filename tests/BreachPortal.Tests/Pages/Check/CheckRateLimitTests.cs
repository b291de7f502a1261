using System.Globalization;
using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Abuse;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>The limits on asking for codes: per client address (the 4th of 3), per contact (whoever asks), counted.</summary>
public sealed class CheckRateLimitTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_PastTheLimitPerClient_Answers429_WithRetryAfter_InTheVisitorsLanguage_AndIsCounted()
    {
        await using var factory = await PortalFactory.StartAsync(server, portal => portal.Settings["Checks:RateLimits:Check:PermitLimit"] = "3", demoData: false);
        using var visitor = new CheckVisitor(factory);
        var token = await visitor.TokenAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AskAsync(visitor, "/check", token, $"personne.{i}@example.fr")).StatusCode);
        }

        var english = await AskAsync(visitor, "/en/check", token, "someone@example.fr");
        var french = await AskAsync(visitor, "/check", token, "quelqu.un@example.fr");

        Assert.Equal(HttpStatusCode.TooManyRequests, english.StatusCode);
        Assert.True(int.Parse(english.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Too many requests", (await HtmlPage.ReadAsync(english)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, french.StatusCode);
        Assert.True(int.Parse(french.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture) > 0);
        var page = await HtmlPage.ReadAsync(french);
        Assert.Equal("fr", page.Language);
        Assert.Contains("Trop de demandes", page.Text, StringComparison.Ordinal);
        Assert.Equal(2, await HitsAsync(factory, AbuseCounters.Check));
    }

    [Fact]
    public async Task Check_TheSameContactPastItsLimit_Answers429_WhileAnotherContactStillPasses()
    {
        await using var factory = await PortalFactory.StartAsync(server, portal => portal.Settings["Checks:RateLimits:Contact:PermitLimit"] = "2", demoData: false);
        using var first = new CheckVisitor(factory);
        using var second = new CheckVisitor(factory);

        var answers = new List<HttpStatusCode>();
        foreach (var visitor in (CheckVisitor[])[first, second, first])
        {
            answers.Add((await visitor.AskAsync("Camille.Dupont@example.fr")).StatusCode);
        }

        var sameByPhone = await second.AskAsync("06 12 34 56 78");
        var refused = await first.AskAsync("camille.dupont@EXAMPLE.fr");
        var other = await first.AskAsync("autre.personne@example.fr");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, sameByPhone.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Trop de demandes", (await HtmlPage.ReadAsync(refused)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, await HitsAsync(factory, AbuseCounters.Contact));
        Assert.Equal(0, await HitsAsync(factory, AbuseCounters.Check));
    }

    [Fact]
    public async Task TypingCodes_PastTheLimitPerClient_Answers429()
    {
        await using var factory = await PortalFactory.StartAsync(server, portal => portal.Settings["Checks:RateLimits:Code:PermitLimit"] = "2", demoData: false);
        using var visitor = new CheckVisitor(factory);
        await visitor.AskAsync("camille.code@example.fr");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await visitor.TypeCodeAsync("000000")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(1, await HitsAsync(factory, AbuseCounters.Code));
    }

    private static async Task<HttpResponseMessage> AskAsync(CheckVisitor visitor, string path, string token, string contact) =>
        await FormPage.PostAsync(visitor.Client, path, token, new Dictionary<string, string> { ["Input.Contact"] = contact });

    private static async Task<long> HitsAsync(PortalFactory factory, string limit)
    {
        await factory.Services.GetRequiredService<AbuseCounterFlusher>().FlushAsync(Ct);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BreachPortal.Web.Data.PortalDbContext>();
        return await db.Database
            .SqlQuery<long>($"SELECT COALESCE(SUM(hits), 0)::bigint AS \"Value\" FROM rate_limit_hits WHERE limit_name = {limit}")
            .SingleAsync(Ct);
    }
}
