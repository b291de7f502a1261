using System.Net;
using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Staff.MyAccount;

/// <summary>A staff member's own mobile number, recorded only once the code sent to it is typed back.</summary>
public sealed partial class PhonePageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string PhonePath = "/staff/me/phone";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCodeSentByTheSms_VerifiesTheNumber_AndTheSessionGoesOn()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var client = await staff.SignInAsync(app.Factory);

        var sent = await SendAsync(client, "06 12 34 56 01");
        var page = new HtmlPage(await sent.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("6 chiffres, envoyés au +33 • •• •• •• 01", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("0612345601", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("+33612345601", page.Html, StringComparison.Ordinal);

        var confirmed = await ConfirmAsync(client, page.Html, CodeSentTo("+33612345601"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"{PhonePath}?done=verified", confirmed.Headers.Location!.OriginalString);
        var after = new HtmlPage(await client.GetStringAsync(confirmed.Headers.Location, Cancel));
        Assert.Contains("Numéro vérifié : +33 • •• •• •• 01.", after.Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == staff.Id, Cancel);
        Assert.Equal("+33612345601", user.PhoneNumber);
        Assert.True(user.PhoneNumberConfirmed);
        var trail = await AuditTrail.ForStaffAsync(app.ConnectionString, staff.Id);
        Assert.Contains(trail, e => e.Type == AuditEventType.PhoneCodeSent);
        Assert.Contains(trail, e => e.Type == AuditEventType.PhoneVerified);
        Assert.All(trail, e => Assert.DoesNotContain("612345601", e.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWrongCode_IsRefusedBesideTheField_AndAfterFiveANewCodeMustBeAskedFor()
    {
        var staff = await TestStaff.CreateAsync(app.Factory, StaffRoles.CnilLiaison);
        var client = await staff.SignInAsync(app.Factory);
        var html = await (await SendAsync(client, "+33 6 12 34 56 02")).Content.ReadAsStringAsync(Cancel);
        var right = CodeSentTo("+33612345602");
        var wrong = right == "000000" ? "111111" : "000000";

        var refused = await ConfirmAsync(client, html, wrong);
        var refusedHtml = await refused.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Ce code n’est pas le bon ou a expiré.", MessagesOf(refusedHtml, "phone-code"), StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", refusedHtml, StringComparison.Ordinal);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            refusedHtml = await (await ConfirmAsync(client, html, wrong)).Content.ReadAsStringAsync(Cancel);
        }

        Assert.Contains("Trop de codes erronés : demandez un nouveau code.", new HtmlPage(refusedHtml).Text, StringComparison.Ordinal);
        var late = await ConfirmAsync(client, html, right);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Trop de codes erronés", new HtmlPage(await late.Content.ReadAsStringAsync(Cancel)).Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == staff.Id, Cancel)).PhoneNumber);
    }

    [Fact]
    public async Task ALandlineOrASecondCodeWithinAMinute_IsRefusedWithTheReason()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Auditor)).SignInAsync(app.Factory);

        var landline = await (await SendAsync(client, "01 42 34 56 78")).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Ce numéro n’est pas un mobile", MessagesOf(landline, "phone-number"), StringComparison.Ordinal);
        var garbage = await (await SendAsync(client, "12")).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Ce numéro n’est pas un numéro de téléphone valide", MessagesOf(garbage, "phone-number"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "06 12 34 56 03")).StatusCode);
        var again = await (await SendAsync(client, "06 12 34 56 03")).Content.ReadAsStringAsync(Cancel);
        Assert.Matches("Un code vient d’être envoyé : attendez [0-9]+ secondes", MessagesOf(again, "phone-number"));
        Assert.Single(Outbox.Messages, m => m.To == "+33612345603");
    }

    [Fact]
    public async Task English_PageAndErrorsAreInEnglish()
    {
        var client = await (await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator)).SignInAsync(app.Factory);

        var page = new HtmlPage(await client.GetStringAsync($"/en{PhonePath}", Cancel));
        var refused = await FormPage.SubmitAsync(client, $"/en{PhonePath}", $"/en{PhonePath}?handler=Send", new Dictionary<string, string> { ["Number"] = "" });

        Assert.Equal("My mobile phone", page.Heading);
        Assert.Contains("Type your mobile number.", MessagesOf(await refused.Content.ReadAsStringAsync(Cancel), "phone-number"), StringComparison.Ordinal);
    }

    internal static async Task VerifyAsync(PortalApp app, HttpClient client, string number, string e164)
    {
        var html = await (await SendAsync(client, number)).Content.ReadAsStringAsync(Cancel);
        var confirmed = await ConfirmAsync(client, html, CodeSentTo(app, e164));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    private DevelopmentSmsOutbox Outbox => app.Factory.Services.GetRequiredService<DevelopmentSmsOutbox>();

    private string CodeSentTo(string e164) => CodeSentTo(app, e164);

    private static string CodeSentTo(PortalApp app, string e164)
    {
        var sms = app.Factory.Services.GetRequiredService<DevelopmentSmsOutbox>().Messages.First(m => m.To == e164);
        return SixDigits().Match(sms.Text).Value;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string number) =>
        FormPage.SubmitAsync(client, PhonePath, $"{PhonePath}?handler=Send", new Dictionary<string, string> { ["Number"] = number });

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string html, string code) =>
        FormPage.PostAsync(client, $"{PhonePath}?handler=Confirm", FormPage.Token(html), new Dictionary<string, string>
        {
            ["Pending"] = WebUtility.HtmlDecode(PendingValue().Match(html).Groups[1].Value),
            ["Code"] = code,
        });

    private static string MessagesOf(string html, string field)
    {
        var match = Regex.Match(html, $"id=\"{field}-messages\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        return match.Success ? new HtmlPage(match.Groups[1].Value).Text : "";
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex("name=\"Pending\" value=\"([^\"]*)\"")]
    private static partial Regex PendingValue();
}
