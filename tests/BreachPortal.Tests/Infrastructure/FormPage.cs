using System.Net;
using System.Text.RegularExpressions;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>Submits a page's form the way a browser does: GET the page, keep its antiforgery token, POST the fields.</summary>
public static partial class FormPage
{
    public static string Token(string html) =>
        WebUtility.HtmlDecode(AntiforgeryInput().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token."));

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string getPath, string postPath, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(getPath, TestContext.Current.CancellationToken);
        return await PostAsync(client, postPath, Token(html), fields);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string token, IDictionary<string, string> fields)
    {
        var content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
