using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff;

namespace BreachPortal.Tests.Notifications.Campaigns;

/// <summary>The campaign verbs as an operator's script uses them: create, approve by another Operator, start, status.</summary>
public sealed class CampaignCommandTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheVerbs_TakeACampaignFromDraftToRunning_AndStatusCountsItsMessages()
    {
        var incident = await NotificationIncidents.CopyOfDemoAsync(app);
        await NotificationPeople.ImportAsync(app.Factory, incident, 3);
        await NotificationPeople.ImportAsync(app.Factory, incident, 1, email: false, phone: null);
        var creator = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        var approver = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);

        var (code, output) = await RunAsync("campaign-create", "--incident", incident, "--name", "Vague 1", "--by", creator.Email, "--policy", "both", "--sms-window", "09:00-19:30");
        Assert.Equal(PortalCommandLine.Success, code);
        var id = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ')[0].Split('=')[1];
        Assert.Contains("status=draft", output, StringComparison.Ordinal);

        var (selfCode, selfOutput) = await RunAsync("campaign-approve", "--campaign", id, "--by", creator.Email);
        Assert.Equal(PortalCommandLine.Failure, selfCode);
        Assert.Contains("cannot approve it", selfOutput, StringComparison.Ordinal);

        Assert.Equal(PortalCommandLine.Success, (await RunAsync("campaign-approve", "--campaign", id, "--by", approver.Email)).Code);
        var (startCode, startOutput) = await RunAsync("campaign-start", "--campaign", id, "--by", creator.Email);
        Assert.Equal(PortalCommandLine.Success, startCode);
        Assert.Contains("people=4 unreachable=1 ledger_complete=yes", startOutput, StringComparison.Ordinal);

        var (statusCode, status) = await RunAsync("campaign-status", "--campaign", id);
        Assert.Equal(PortalCommandLine.Success, statusCode);
        Assert.Contains("email created=3 sending=0 sent=0", status, StringComparison.Ordinal);
        Assert.Contains("sms created=3 sending=0 sent=0", status, StringComparison.Ordinal);
        Assert.Contains($"campaign={id} status=running policy=both people=4 unreachable=1", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "campaign-create", "--incident", "FT-2024-03" }, "--name is required")]
    [InlineData(new[] { "campaign-create", "--incident", "FT-2024-03", "--name", "x", "--by", "a@b.c", "--policy", "fax" }, "--policy must be email, sms, both or email-sms-fallback")]
    [InlineData(new[] { "campaign-create", "--incident", "FT-2024-03", "--name", "x", "--by", "a@b.c", "--sms-window", "8h-20h" }, "--sms-window must look like 08:00-20:00")]
    [InlineData(new[] { "campaign-approve", "--campaign", "12", "--by", "nobody@b.c" }, "no staff account has the address")]
    [InlineData(new[] { "campaign-status", "--campaign", "abc" }, "--campaign must be a campaign number")]
    [InlineData(new[] { "campaign-status", "--campaign", "999999" }, "there is no campaign 999999")]
    [InlineData(new[] { "campaign-pause", "--campagne", "1" }, "unknown option '--campagne'")]
    public async Task BadArguments_AreRefused_WithWhatIsWrong(string[] arguments, string expected)
    {
        var (code, output) = await RunAsync(arguments);

        Assert.NotEqual(PortalCommandLine.Success, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var code = await PortalCommandLine.RunAsync(app.Factory.Services, arguments, output, TextWriter.Null, Ct);
        return (code, output.ToString());
    }
}
