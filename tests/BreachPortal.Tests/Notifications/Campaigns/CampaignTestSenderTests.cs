using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Lookup;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BreachPortal.Tests.Notifications.Campaigns;

/// <summary>
/// The test send of a campaign, on both channels alike: only to the Operator's own address or verified mobile, only
/// before launch, audited when sent, and a sender's failure of any kind either channel knew is a failed test.
/// </summary>
public sealed class CampaignTestSenderTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Phone = "+33781234567";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Before they became one sender, the email test let the last three escape as an error page, the SMS test the first three.</summary>
    public static TheoryData<MessageChannel, string> SendFailures { get; } = new(
        from channel in new[] { MessageChannel.Email, MessageChannel.Sms }
        from failure in new[] { "InvalidOperation", "HttpRequest", "SmsRejected", "IO", "Argument", "EmailRejected", "Timeout" }
        select (channel, failure));

    [Theory]
    [InlineData(MessageChannel.Email)]
    [InlineData(MessageChannel.Sms)]
    public async Task SendAsync_ToTheOperator_SendsTheMarkedPreviewToThemOnly_AndAuditsItMasked(MessageChannel channel)
    {
        var (operatorStaff, campaign) = await DraftAsync();
        var sent = new Recorded();

        var outcome = await SendAsync(campaign.Id, channel, operatorStaff, sent, sent);

        Assert.Equal(CampaignTestOutcome.Sent, outcome);
        var audited = Assert.Single(await AuditedAsync(campaign));
        Assert.Equal(operatorStaff.Id, audited.ActorId);
        Assert.Equal((AuditSubjects.Campaign, Id(campaign)), (audited.SubjectType, audited.SubjectId));
        if (channel == MessageChannel.Email)
        {
            var mail = Assert.Single(sent.Emails);
            Assert.Equal(operatorStaff.Email, mail.To);
            Assert.StartsWith("[TEST] ", mail.Subject, StringComparison.Ordinal);
            Assert.Contains(TemplatePreview.SyntheticReferenceCode, mail.TextBody, StringComparison.Ordinal);
            Assert.Empty(sent.Sms);
            Assert.StartsWith($"channel=email template={campaign.EmailTemplateId} to=a•••@", audited.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(operatorStaff.Email, audited.Detail, StringComparison.Ordinal);
        }
        else
        {
            var sms = Assert.Single(sent.Sms);
            Assert.Equal(Phone, sms.To);
            Assert.StartsWith("[TEST] ", sms.Text, StringComparison.Ordinal);
            Assert.Contains(TemplatePreview.SyntheticReferenceCode, sms.Text, StringComparison.Ordinal);
            Assert.Empty(sent.Emails);
            Assert.StartsWith($"channel=sms template={campaign.SmsTemplateId} to=+33 ", audited.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("781234567", audited.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SendFailures))]
    public async Task SendAsync_SenderFails_IsAFailedTestOnEitherChannel_LoggedAndNotAudited(MessageChannel channel, string failure)
    {
        var (operatorStaff, campaign) = await DraftAsync();
        var failing = new Failing(FailureOf(failure));
        var logs = new CapturingLoggerProvider();

        var outcome = await SendAsync(campaign.Id, channel, operatorStaff, failing, failing, logs);

        Assert.Equal(CampaignTestOutcome.Failed, outcome);
        Assert.Empty(await AuditedAsync(campaign));
        var what = channel == MessageChannel.Email ? "email" : "SMS";
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Campaign {campaign.Id}: the test {what} could not be sent.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_WithoutAVerifiedMobile_GoesNowhere()
    {
        var (operatorStaff, campaign) = await DraftAsync(verifiedPhone: false);
        var sent = new Recorded();

        Assert.Equal(CampaignTestOutcome.NoRecipient, await SendAsync(campaign.Id, MessageChannel.Sms, operatorStaff, sent, sent));
        Assert.Equal(CampaignTestOutcome.NoRecipient, await SendAsync(campaign.Id, MessageChannel.Sms, null, sent, sent));
        Assert.Equal(CampaignTestOutcome.NoRecipient, await SendAsync(campaign.Id, MessageChannel.Email, null, sent, sent));

        Assert.Empty(sent.Sms);
        Assert.Empty(sent.Emails);
        Assert.Empty(await AuditedAsync(campaign));
    }

    [Fact]
    public async Task SendAsync_CampaignCancelledOrUnknown_SendsNothing()
    {
        var (operatorStaff, campaign) = await DraftAsync();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().CancelAsync(campaign.Id, LookupPeople.ActorOf(operatorStaff), Ct)).Succeeded);
        }

        var sent = new Recorded();

        Assert.Equal(CampaignTestOutcome.WrongStatus, await SendAsync(campaign.Id, MessageChannel.Email, operatorStaff, sent, sent));
        Assert.Equal(CampaignTestOutcome.WrongStatus, await SendAsync(campaign.Id, MessageChannel.Sms, operatorStaff, sent, sent));
        Assert.Equal(CampaignTestOutcome.CampaignNotFound, await SendAsync(int.MaxValue, MessageChannel.Email, operatorStaff, sent, sent));
        Assert.Empty(sent.Emails);
        Assert.Empty(sent.Sms);
    }

    private static Exception FailureOf(string failure) => failure switch
    {
        "InvalidOperation" => new InvalidOperationException("Email:Smtp:UserName is set but the connection is not encrypted."),
        "HttpRequest" => new HttpRequestException("Connection refused"),
        "SmsRejected" => new SmsRejectedException(false, "http-503", "The SMS gateway refused the message."),
        "IO" => new IOException("The connection was closed."),
        "Argument" => new ArgumentException("Not a valid recipient."),
        "EmailRejected" => new EmailRejectedException(550, "The SMTP server refused the recipient."),
        "Timeout" => new TimeoutException("No answer within 30 s."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    private async Task<CampaignTestOutcome> SendAsync(int campaignId, MessageChannel channel, TestStaff? staff, IEmailSender mail, ISmsSender sms, ILoggerProvider? logs = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        using var loggers = logs is null ? new LoggerFactory() : new LoggerFactory([logs]);
        var sender = ActivatorUtilities.CreateInstance<CampaignTestSender>(scope.ServiceProvider, mail, sms, loggers.CreateLogger<CampaignTestSender>());
        var actor = staff is null ? AuditActor.CommandLine : LookupPeople.ActorOf(staff);
        return await sender.SendAsync(campaignId, channel, actor, Ct);
    }

    private async Task<(TestStaff Operator, Campaign Campaign)> DraftAsync(bool verifiedPhone = true)
    {
        var operatorStaff = await TestStaff.CreateAsync(app.Factory, StaffRoles.Operator);
        await using var db = app.CreateDbContext();
        if (verifiedPhone)
        {
            await db.Users.Where(u => u.Id == operatorStaff.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, Phone).SetProperty(u => u.PhoneNumberConfirmed, true), Ct);
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var draft = new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Essai", Policy = ChannelPolicy.Both };
        var created = await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(draft, LookupPeople.ActorOf(operatorStaff), Ct);
        Assert.True(created.Succeeded, created.Message);
        return (operatorStaff, created.Campaign!);
    }

    private async Task<List<AuditEvent>> AuditedAsync(Campaign campaign) =>
        (await AuditTrail.OfTypeAsync(app.ConnectionString, AuditEventType.CampaignTestSent)).Where(e => e.SubjectId == Id(campaign)).ToList();

    private static string Id(Campaign campaign) => campaign.Id.ToString(CultureInfo.InvariantCulture);

    private sealed class Recorded : IEmailSender, ISmsSender
    {
        public List<EmailMessage> Emails { get; } = [];

        public List<SmsMessage> Sms { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Emails.Add(message);
            return Task.CompletedTask;
        }

        public Task<string> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            Sms.Add(message);
            return Task.FromResult("gateway-id");
        }
    }

    private sealed class Failing(Exception failure) : IEmailSender, ISmsSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Task.FromException(failure);

        public Task<string> SendAsync(SmsMessage message, CancellationToken cancellationToken) => Task.FromException<string>(failure);
    }
}
