using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Benchmarks.Scale;

/// <summary>One page's answer as the staff member's browser got it, and how long it took to the last byte.</summary>
internal sealed record StaffPage(HttpStatusCode Status, string? ContentType, string Body, TimeSpan Elapsed);

/// <summary>
/// A staff member's browser on a Production node, signed in the way a new colleague is: the enrolment link of
/// <c>create-admin</c>, a password, then a code computed from the authenticator key the page shows (enrolment ends
/// signed in). Cookies are kept by hand: the portal marks them Secure and the node listens on plain loopback HTTP.
/// </summary>
internal sealed partial class StaffSession : IDisposable
{
    private const string Password = "cheval agrafe batterie correcte";
    private const string TokenField = "__RequestVerificationToken";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private readonly SocketsHttpHandler _handler = new() { UseCookies = false, AllowAutoRedirect = false, UseProxy = false };
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private StaffSession(Uri portal) => _client = new HttpClient(_handler) { BaseAddress = portal, Timeout = RequestTimeout };

    /// <param name="portal">The node's address.</param>
    /// <param name="enrolmentLink">The link create-admin printed (its host is the public address: only the token is used).</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    public static async Task<StaffSession> EnrolAsync(Uri portal, string enrolmentLink, CancellationToken cancellationToken)
    {
        var session = new StaffSession(portal);
        try
        {
            var token = enrolmentLink.Trim()[(enrolmentLink.Trim().IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
            var path = "/staff/enrol?token=" + token;
            var form = await session.GetAsync(path, cancellationToken);
            var keyPage = await session.PostAsync(path + "&handler=Password", form.Body, new Dictionary<string, string>
            {
                ["Token"] = Uri.UnescapeDataString(token),
                ["Password.NewPassword"] = Password,
                ["Password.ConfirmPassword"] = Password,
            }, cancellationToken);
            if (AuthenticatorKey().Match(keyPage.Body) is not { Success: true } key)
            {
                throw new BenchmarkFailedException($"the enrolment page showed no authenticator key after the password ({(int)keyPage.Status}).");
            }

            var done = await session.PostAsync(path + "&handler=Code", keyPage.Body, new Dictionary<string, string>
            {
                ["Token"] = Uri.UnescapeDataString(token),
                ["Code.Value"] = TestTotp.Code(WebUtility.HtmlDecode(key.Groups[1].Value), TestTotp.CurrentStep),
            }, cancellationToken);
            if (done.Status != HttpStatusCode.OK || !session._cookies.ContainsKey(Web.Staff.StaffCookies.Session))
            {
                throw new BenchmarkFailedException($"enrolment did not end signed in ({(int)done.Status}).");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>A GET with the session's cookies; a redirect is an answer like any other (a sign-in page means the session is gone).</summary>
    public async Task<StaffPage> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        return await SendAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    private async Task<StaffPage> PostAsync(string path, string formPage, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        fields[TokenField] = FormToken().Match(formPage) is { Success: true } token
            ? WebUtility.HtmlDecode(token.Groups[1].Value)
            : throw new BenchmarkFailedException($"POST {path}: the page before it has no antiforgery token.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request, cancellationToken);
    }

    private async Task<StaffPage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var clock = Stopwatch.StartNew();
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var pair in cookies.Select(c => c.Split(';')[0]))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                if (value.Length == 0)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return new StaffPage(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, elapsed);
    }

    [GeneratedRegex($@"<input[^>]*\bname=""{TokenField}""[^>]*\bvalue=""([^""]+)""")]
    private static partial Regex FormToken();

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex AuthenticatorKey();
}
