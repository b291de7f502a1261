using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Sessions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace BreachPortal.Tests.Pages.Check;

/// <summary>
/// One browser on <c>/check</c>: its own cookies, which the test can read and put back (replays), and no redirect
/// followed, so each step's answer is seen.
/// </summary>
internal sealed class CheckVisitor : IDisposable
{
    private static readonly Uri Root = new("https://localhost");

    public CheckVisitor(WebApplicationFactory<Program> factory, string language = "")
    {
        Prefix = language;
        Client = factory.CreateDefaultClient(Root, new CookieContainerHandler(Cookies));
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>"" for French, "/en" for English.</summary>
    public string Prefix { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<string> TokenAsync() => FormPage.Token(await Client.GetStringAsync(Prefix + "/check", Ct));

    /// <summary>Types a contact on <c>/check</c> and sends the form.</summary>
    public async Task<HttpResponseMessage> AskAsync(string contact) =>
        await FormPage.PostAsync(Client, Prefix + "/check", await TokenAsync(), new Dictionary<string, string> { ["Input.Contact"] = contact });

    /// <summary>Types a code on <c>/check/code</c>.</summary>
    public async Task<HttpResponseMessage> TypeCodeAsync(string code) =>
        await FormPage.PostAsync(Client, Prefix + "/check/code", await TokenAsync(), new Dictionary<string, string> { ["Input.Code"] = code });

    public async Task<HttpResponseMessage> ResultAsync() => await Client.GetAsync(Prefix + "/check/result", Ct);

    public async Task<HttpResponseMessage> EndAsync() =>
        await FormPage.PostAsync(Client, Prefix + "/check/result?handler=End", await TokenAsync(), new Dictionary<string, string>());

    /// <summary>Asks, reads the code where it arrives, types it and opens the results; fails the test on the way if a step does.</summary>
    public async Task<HtmlPage> CheckAsync(string contact, Func<Task<string>> readCode)
    {
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(contact)).StatusCode);
        var typed = await TypeCodeAsync(await readCode());
        Assert.Equal(HttpStatusCode.SeeOther, typed.StatusCode);
        Assert.Equal(Prefix + "/check/result", typed.Headers.Location!.OriginalString);
        var result = await ResultAsync();
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        return await HtmlPage.ReadAsync(result);
    }

    public string? Cookie(string name) => Cookies.GetCookies(Root)[name]?.Value;

    public void SetCookie(string name, string value) =>
        Cookies.Add(Root, new Cookie(name, value, "/") { Secure = true, HttpOnly = true });

    public string? PendingCookie => Cookie(PendingCheck.CookieName);

    public string? SessionCookie => Cookie(CheckSessions.CookieName);

    public void Dispose() => Client.Dispose();
}
