using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Notifications.Dispatch;

/// <summary>
/// The hosted dispatcher in the portal, sending to real servers: aiosmtpd (content), smtp-sink (refusals, outage)
/// and the loopback SMS gateway (throttling, failures).
/// </summary>
public sealed class DispatcherTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACampaign_SendsEachPersonTheirOwnMessage_OnEveryChannel_AndFinishes()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        var withBoth = await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 3);
        var smsOnly = await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 2, email: false);

        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Vague 1", Policy = ChannelPolicy.EmailWithSmsFallback, SmsWindowStart = TimeOnly.MinValue, SmsWindowEnd = TimeOnly.MaxValue });
        await portal.WaitForCampaignAsync(id, CampaignStatus.Finished);
        await TallyCheck.LedgerMatchesRowsAsync(portal.ConnectionString, id);

        await using var db = portal.CreateDbContext();
        var messages = await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(Ct);
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.All(messages, m => Assert.Equal(1, m.Attempts));

        var emails = smtp.Messages.Where(m => m.Recipients.All(r => r.EndsWith("@example.fr", StringComparison.Ordinal))).ToList();
        Assert.Equal(3, emails.Count);
        foreach (var person in withBoth)
        {
            var message = messages.Single(m => m.PersonId == person.Id);
            var email = Assert.Single(emails, e => e.Recipients.Contains(person.Email!));
            Assert.Equal($"<{message.ReferenceCode}@agence.example>", email.Header("Message-ID"));
            Assert.Contains(message.ReferenceCode, email.Text, StringComparison.Ordinal);
            Assert.Contains(person.FirstName, email.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("http", email.Text!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<a ", email.Html!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(2, gateway.Messages.Count);
        foreach (var person in smsOnly)
        {
            var message = messages.Single(m => m.PersonId == person.Id);
            var sms = Assert.Single(gateway.Messages, s => s.To == person.Phone);
            Assert.Equal(message.ReferenceCode, sms.IdempotencyKey);
            Assert.Contains(message.ReferenceCode, sms.Text, StringComparison.Ordinal);
            Assert.Equal(sms.Id, message.ProviderReference);
        }

        var retained = await db.Set<Person>().Where(p => withBoth.Select(w => w.Id).Contains(p.Id)).Select(p => p.RetainUntil).ToListAsync(Ct);
        Assert.All(retained, r => Assert.NotNull(r));
    }

    [Fact]
    public async Task AnEmailRefusedForGood_FallsBackToSms_WhenThePolicySaysSo()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 2, emailDomain: "refuse.example");
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 1, phone: null, emailDomain: "refuse.example");

        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Repli", Policy = ChannelPolicy.EmailWithSmsFallback, SmsWindowStart = TimeOnly.MinValue, SmsWindowEnd = TimeOnly.MaxValue });
        await portal.WaitForCampaignAsync(id, CampaignStatus.Finished);
        await TallyCheck.LedgerMatchesRowsAsync(portal.ConnectionString, id);

        await using var db = portal.CreateDbContext();
        var messages = await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(Ct);
        var failedEmails = messages.Where(m => m.Channel == MessageChannel.Email).ToList();
        Assert.Equal(3, failedEmails.Count);
        Assert.All(failedEmails, m => Assert.Equal(MessageStatus.PermanentFailure, m.Status));
        Assert.All(failedEmails, m => Assert.StartsWith("smtp-5", m.FailureReason, StringComparison.Ordinal));
        var fallbacks = messages.Where(m => m.Channel == MessageChannel.Sms).ToList();
        Assert.Equal(2, fallbacks.Count);
        Assert.All(fallbacks, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.All(fallbacks, m => Assert.Contains(m.FallbackFor, failedEmails.Select(e => (long?)e.Id)));
        Assert.Equal(2, gateway.Accepted);
    }

    [Fact]
    public async Task TheGatewayAnswering429ThenOk_IsRetried_WithTheSameIdempotencyKey_AndNoFailureRecorded()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        gateway.FailNext(3, HttpStatusCode.TooManyRequests);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 3, email: false);

        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "SMS", Policy = ChannelPolicy.Sms, SmsWindowStart = TimeOnly.MinValue, SmsWindowEnd = TimeOnly.MaxValue });
        await portal.WaitForCampaignAsync(id, CampaignStatus.Finished);
        await TallyCheck.LedgerMatchesRowsAsync(portal.ConnectionString, id);

        await using var db = portal.CreateDbContext();
        var messages = await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(Ct);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.All(messages, m => Assert.Null(m.FailureReason));
        Assert.Equal(6, messages.Sum(m => m.Attempts));
        Assert.Equal(6, gateway.Requests);
        Assert.Equal(3, gateway.Accepted);
        Assert.Equal(messages.Select(m => m.ReferenceCode).Order(), gateway.Messages.Select(s => s.IdempotencyKey).Order());
    }

    [Fact]
    public async Task TheSmtpServerDown_DelaysTheCampaign_WithBackOffInTheAttempts_AndLosesNothing()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        smtp.Stop();
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 20, phone: null);

        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Panne", Policy = ChannelPolicy.Email });
        var waiting = await Eventually.WaitAsync(
            async cancellationToken =>
            {
                await using var during = portal.CreateDbContext();
                return await during.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(cancellationToken);
            },
            messages => messages.Count == 20 && messages.All(m => m.Attempts >= 2 && m.Status != MessageStatus.Sending),
            messages => $"Not every message was tried twice while the server was down ({messages.Count(m => m.Attempts >= 2)} of {messages.Count})");
        Assert.All(waiting, m => Assert.Equal(MessageStatus.TemporaryFailure, m.Status));
        Assert.All(waiting, m => Assert.Equal("connection-failed", m.FailureReason));

        await smtp.StartAsync(Ct);
        await portal.WaitForCampaignAsync(id, CampaignStatus.Finished);
        await TallyCheck.LedgerMatchesRowsAsync(portal.ConnectionString, id);

        await using var db = portal.CreateDbContext();
        var messages = await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(Ct);
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.All(messages, m => Assert.InRange(m.Attempts, 3, 12));
        Assert.True(await smtp.WaitForReceivedAsync(20, Eventually.Ceiling, Ct));
    }

    [Fact]
    public async Task AMessageFailingEveryTime_BecomesATechnicalFailure_AfterTheConfiguredAttempts()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway, new Dictionary<string, string?> { ["Notifications:Dispatcher:MaxAttempts"] = "3" });
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 2, phone: null, emailDomain: "defer.example");

        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Echec", Policy = ChannelPolicy.Email });
        await portal.WaitForCampaignAsync(id, CampaignStatus.Finished);
        await TallyCheck.LedgerMatchesRowsAsync(portal.ConnectionString, id);

        await using var db = portal.CreateDbContext();
        var messages = await db.Set<Message>().Where(m => m.CampaignId == id).ToListAsync(Ct);
        Assert.All(messages, m => Assert.Equal(MessageStatus.TechnicalFailure, m.Status));
        Assert.All(messages, m => Assert.Equal(3, m.Attempts));
        Assert.All(messages, m => Assert.StartsWith("smtp-4", m.FailureReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AOneTimeCode_GoesOutBeforeTheCampaignQueuedAheadOfIt()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        var people = await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 40, phone: null);
        // One email a second: the campaign takes 40 s, and a code written after it must not wait for its end.
        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Lent", Policy = ChannelPolicy.Email, EmailsPerSecond = 1 });

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var reference = await scope.ServiceProvider.GetRequiredService<PriorityMessages>().EnqueueAsync(people[^1].Id, MessageChannel.Email, "fr", "Votre code", "Votre code est 123456.", Ct);

        await Eventually.UntilAsync(() => smtp.Messages.Any(m => m.Subject == "Votre code"), "The code email did not arrive");
        var code = Assert.Single(smtp.Messages, m => m.Subject == "Votre code");
        Assert.Equal($"<{reference}@agence.example>", code.Header("Message-ID"));
        await using var db = portal.CreateDbContext();
        Assert.True(await db.Set<Message>().CountAsync(m => m.CampaignId == id && m.Status == MessageStatus.Created, Ct) > 10);

        // The relay's answer is written back after the message has arrived: the row turns Sent a moment later.
        await Eventually.UntilAsync(
            async cancellationToken =>
            {
                await using var after = portal.CreateDbContext();
                return await after.Set<Message>().AnyAsync(m => m.ReferenceCode == reference && m.Status == MessageStatus.Sent, cancellationToken);
            },
            "The code's message was not recorded as sent");
        var stored = await db.Set<Message>().AsNoTracking().SingleAsync(m => m.ReferenceCode == reference, Ct);
        Assert.Equal(MessageStatus.Sent, stored.Status);
        Assert.Null(stored.Content);
    }

    [Fact]
    public async Task SmsOutsideTheSendingWindow_WaitForIt_WhileEmailsGoOut()
    {
        await using var smtp = await SmtpSinkServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 3);
        var paris = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(portal.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        var (start, end) = paris.Hour < 12 ? (new TimeOnly(13, 0), new TimeOnly(23, 0)) : (new TimeOnly(1, 0), new TimeOnly(11, 0));

        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Fenetre", Policy = ChannelPolicy.Both, SmsWindowStart = start, SmsWindowEnd = end });
        await Eventually.UntilAsync(
            async cancellationToken =>
            {
                await using var during = portal.CreateDbContext();
                return await during.Set<Message>().CountAsync(m => m.CampaignId == id && m.Channel == MessageChannel.Email && m.Status == MessageStatus.Sent, cancellationToken) == 3;
            },
            "The campaign's emails were not all sent");
        await portal.WaitForDispatcherRoundsAsync();

        await using var db = portal.CreateDbContext();
        var sms = await db.Set<Message>().Where(m => m.CampaignId == id && m.Channel == MessageChannel.Sms).Select(m => m.Status).ToListAsync(Ct);
        Assert.Equal(3, sms.Count);
        Assert.All(sms, s => Assert.Equal(MessageStatus.Created, s));
        Assert.Equal(0, gateway.Requests);
    }

    [Fact]
    public async Task APausedCampaign_SendsNothingMore_UntilResumed()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(cancellationToken: Ct);
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var portal = await SendingPortal.StartAsync(server, smtp.Port, gateway);
        await NotificationPeople.ImportAsync(portal.Factory, "FT-2024-03", 30, phone: null);
        var id = await portal.LaunchAsync(new CampaignDraft { IncidentReference = "FT-2024-03", Name = "Pause", Policy = ChannelPolicy.Email, EmailsPerSecond = 2 });
        await Eventually.UntilAsync(() => CampaignEmails(smtp) >= 3, "The campaign's first emails did not arrive");

        var operatorStaff = await TestStaff.CreateAsync(portal.Factory, Web.Staff.StaffRoles.Operator);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().PauseAsync(id, Registry.Lookup.LookupPeople.ActorOf(operatorStaff), Ct)).Succeeded);
        }

        // What was in flight at the pause ends (sent, or released back to the ledger); then nothing more goes out.
        var sentAtPause = await Eventually.WaitAsync(
            async cancellationToken =>
            {
                await using var db = portal.CreateDbContext();
                var statuses = await db.Set<Message>().Where(m => m.CampaignId == id).Select(m => m.Status).ToListAsync(cancellationToken);
                return (Sending: statuses.Count(s => s == MessageStatus.Sending), Sent: statuses.Count(s => s == MessageStatus.Sent));
            },
            counts => counts.Sending == 0 && CampaignEmails(smtp) == counts.Sent,
            counts => $"{counts.Sending} messages still sending, {counts.Sent} sent, {CampaignEmails(smtp)} received, after the pause");
        await portal.WaitForDispatcherRoundsAsync(5);
        await using (var db = portal.CreateDbContext())
        {
            Assert.Equal(sentAtPause.Sent, await db.Set<Message>().CountAsync(m => m.CampaignId == id && m.Status == MessageStatus.Sent, Ct));
        }

        Assert.Equal(sentAtPause.Sent, CampaignEmails(smtp));
        Assert.True(sentAtPause.Sent < 30);

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().StartAsync(id, Registry.Lookup.LookupPeople.ActorOf(operatorStaff), null, Ct)).Succeeded);
        }

        await portal.WaitForCampaignAsync(id, CampaignStatus.Finished);
        await TallyCheck.LedgerMatchesRowsAsync(portal.ConnectionString, id);
        await Eventually.UntilAsync(() => CampaignEmails(smtp) == 30, "Not every email of the campaign arrived");
    }

    /// <summary>The campaign's emails, not the staff invitations the test's Operators were sent.</summary>
    private static int CampaignEmails(AiosmtpdServer smtp) =>
        smtp.Messages.Count(m => m.Recipients.All(r => r.EndsWith("@example.fr", StringComparison.Ordinal)));
}
