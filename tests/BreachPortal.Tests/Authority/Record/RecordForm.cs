using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Authority.Record;

/// <summary>The record's edit form as a browser holds it: the hidden version fields read from the page, and fields that may repeat (checkboxes).</summary>
internal sealed partial class RecordForm
{
    private RecordForm(string html)
    {
        Html = html;
        Token = FormPage.Token(html);
        Version = Hidden(html, "Input.Version");
        Dates = Hidden(html, "Input.Dates");
    }

    public string Html { get; }

    public string Token { get; }

    public string Version { get; }

    public string Dates { get; }

    public static async Task<RecordForm> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new RecordForm(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Every item answered "not known yet", and the incident's dates as given.</summary>
    public static List<KeyValuePair<string, string>> NothingKnown() =>
    [
        new("Input.Started.Precision", "Unknown"),
        new("Input.Ended.Precision", "Unknown"),
        new("Input.Detected.Precision", "Unknown"),
        new("Input.Certainty", "unknown"),
        new("Input.Ongoing", "unknown"),
        new("Input.HowDiscovered", ""),
        new("Input.Origins", "unknown"),
        new("Input.OriginDetail", ""),
        new("Input.Types", "unknown"),
        new("Input.Cause", "unknown"),
        new("Input.ProcessorsKnown", "unknown"),
        new("Input.Processors", ""),
        new("Input.PeopleCategories", ""),
        new("Input.ApproximatePeople", ""),
        new("Input.DirectlyIdentifiable", "unknown"),
        new("Input.ApproximateRecords", ""),
        new("Input.StorageMedium", ""),
        new("Input.Consequences", "unknown"),
        new("Input.ConsequencesDetail", ""),
        new("Input.ImmediateMeasures", ""),
        new("Input.MediumTermMeasures", ""),
        new("Input.LongTermMeasures", ""),
        new("Input.Informed", "unknown"),
        new("Input.HowInformed", ""),
        new("Input.LateReason", ""),
    ];

    /// <summary>Replaces a field's values (all of them, for a checkbox group) with the given ones.</summary>
    public static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, params string[] values)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return fields;
    }

    public async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var content = new FormUrlEncodedContent(fields.Concat(
        [
            new("Input.Version", Version),
            new("Input.Dates", Dates),
            new("__RequestVerificationToken", Token),
        ]));
        return await client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    private static string Hidden(string html, string name)
    {
        var match = HiddenInput().Matches(html).FirstOrDefault(m => m.Groups[1].Value == name)
            ?? throw new InvalidOperationException($"No hidden field {name} on the page.");
        return WebUtility.HtmlDecode(match.Groups[2].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
