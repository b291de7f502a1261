using System.Net;
using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Channels.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Notifications.Sms;

public sealed class GatewaySmsSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void GatewayMessage_OnTheWire_IsCamelCaseJsonWithTextUnescaped()
    {
        var json = JsonSerializer.Serialize(new GatewayMessage("+33612345678", "FranceTrav", "Vérifiez \"ici\"", "ABCD-EFGH-JKMN"), SmsGatewayJson.Wire.GatewayMessage);

        Assert.Equal("""{"to":"+33612345678","from":"FranceTrav","text":"Vérifiez \"ici\"","reference":"ABCD-EFGH-JKMN"}""", json);
    }

    [Fact]
    public async Task SendAsync_Accepted_PostsToFromTextReferenceWithTheIdempotencyKey_AndReturnsTheGatewaysId()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));

        var id = await services.GetRequiredService<ISmsSender>().SendAsync(new SmsMessage("+33612345678", "Votre code : 123456 — é", "ABCD-EFGH-JKMN"), Ct);

        var received = Assert.Single(gateway.Messages);
        Assert.Equal(new GatewaySms("+33612345678", "FranceTrav", "Votre code : 123456 — é", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN", id), received);
        Assert.Equal(1, gateway.Accepted);
    }

    [Fact]
    public async Task SendAsync_SameReferenceAgain_SendsTheSameIdempotencyKey_AndGetsTheSameIdWithoutASecondMessage()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));
        var sender = services.GetRequiredService<GatewaySmsSender>();
        var message = new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN");

        var first = await sender.SendAsync(message, Ct);
        var second = await sender.SendAsync(message, Ct);

        Assert.Equal(first, second);
        Assert.Equal(1, gateway.Accepted);
        Assert.Equal(1, gateway.Duplicates);
        Assert.Equal(2, gateway.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "http-429")]
    [InlineData(HttpStatusCode.InternalServerError, "http-500")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "http-503")]
    public async Task SendAsync_GatewayBusyOrFailing_IsATransientRejection_AndTheRetryIsAcceptedOnce(HttpStatusCode status, string reason)
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));
        var sender = services.GetRequiredService<GatewaySmsSender>();
        var message = new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN");
        gateway.FailNext(1, status);

        var rejected = await Assert.ThrowsAsync<SmsRejectedException>(() => sender.SendAsync(message, Ct));
        var id = await sender.SendAsync(message, Ct);

        Assert.False(rejected.IsPermanent);
        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(id, gateway.IdFor("ABCD-EFGH-JKMN"));
        Assert.Equal(1, gateway.Accepted);
    }

    [Fact]
    public async Task SendAsync_BadRequest_IsAPermanentRejection()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));
        gateway.FailNext(1, HttpStatusCode.BadRequest);

        var rejected = await Assert.ThrowsAsync<SmsRejectedException>(() =>
            services.GetRequiredService<GatewaySmsSender>().SendAsync(new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN"), Ct));

        Assert.True(rejected.IsPermanent);
        Assert.Equal("http-400", rejected.Reason);
        Assert.Equal(0, gateway.Accepted);
    }

    [Fact]
    public async Task SendAsync_WrongToken_IsRefusedByTheGatewayAsPermanent()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        var settings = SmsServices.GatewaySettings(gateway);
        settings["Sms:Gateway:Token"] = "not-the-token";
        await using var services = SmsServices.Build(settings);

        var rejected = await Assert.ThrowsAsync<SmsRejectedException>(() =>
            services.GetRequiredService<GatewaySmsSender>().SendAsync(new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN"), Ct));

        Assert.True(rejected.IsPermanent);
        Assert.Equal("http-401", rejected.Reason);
    }

    [Fact]
    public async Task SendAsync_GatewayDown_FailsWithAConnectionError_AndWorksAgainOnceItIsBackOnTheSamePort()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));
        var sender = services.GetRequiredService<GatewaySmsSender>();
        await sender.SendAsync(new SmsMessage("+33612345678", "Texte", "AAAA-AAAA-AAAA"), Ct);

        await gateway.GoDownAsync(Ct);
        await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(new SmsMessage("+33612345678", "Texte", "BBBB-BBBB-BBBB"), Ct));
        await gateway.GoUpAsync(Ct);
        var id = await sender.SendAsync(new SmsMessage("+33612345678", "Texte", "BBBB-BBBB-BBBB"), Ct);

        Assert.Equal(id, gateway.IdFor("BBBB-BBBB-BBBB"));
        Assert.Equal(2, gateway.Accepted);
    }

    [Fact]
    public async Task SendAsync_GatewaySlowerThanTheTimeout_FailsWithATimeout()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        var settings = SmsServices.GatewaySettings(gateway);
        settings["Sms:Gateway:TimeoutSeconds"] = "1";
        await using var services = SmsServices.Build(settings);
        gateway.Delay = TimeSpan.FromMinutes(1);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            services.GetRequiredService<GatewaySmsSender>().SendAsync(new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN"), Ct));
    }

    [Fact]
    public async Task SendAsync_CallerCancels_IsACancellationNotATimeout()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));
        gateway.Delay = TimeSpan.FromMinutes(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.GetRequiredService<GatewaySmsSender>().SendAsync(new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN"), cancel.Token));

        Assert.IsNotType<TimeoutException>(cancelled.InnerException);
    }

    [Fact]
    public async Task SendAsync_OverTheGatewaysRate_SomeAreThrottledAsTransient()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: Ct);
        await using var services = SmsServices.Build(SmsServices.GatewaySettings(gateway));
        var sender = services.GetRequiredService<GatewaySmsSender>();
        gateway.ThrottlePerSecond = 5;

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await sender.SendAsync(new SmsMessage("+33612345678", "Texte", $"AAAA-AAAA-{i:D4}"), Ct);
                return null;
            }
            catch (SmsRejectedException rejected)
            {
                return rejected;
            }
        });
        var rejections = (await Task.WhenAll(attempts)).OfType<SmsRejectedException>().ToList();

        Assert.NotEmpty(rejections);
        Assert.All(rejections, r => Assert.Equal(("http-429", false), (r.Reason, r.IsPermanent)));
        Assert.Equal(20 - rejections.Count, gateway.Accepted);
    }
}
