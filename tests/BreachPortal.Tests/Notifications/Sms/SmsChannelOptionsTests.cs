using BreachPortal.Web.Notifications.Channels.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachPortal.Tests.Notifications.Sms;

public sealed class SmsChannelOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddSmsChannel_NoSmsSettings_StartsFine_AndOnlySendingSaysWhatIsMissing()
    {
        await using var services = SmsServices.Build(new Dictionary<string, string?>());

        var options = services.GetRequiredService<IOptions<SmsOptions>>().Value;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            services.GetRequiredService<ISmsSender>().SendAsync(new SmsMessage("+33612345678", "Texte", "ABCD-EFGH-JKMN"), Ct));

        Assert.Null(options.Transport);
        Assert.Contains("Sms:Transport", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSmsChannel_GatewayWithoutItsSettings_NamesEachMissingOne()
    {
        await using var services = SmsServices.Build(new Dictionary<string, string?> { ["Sms:Transport"] = "Gateway" });

        var invalid = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmsOptions>>().Value);

        var failures = string.Join(" ", invalid.Failures);
        Assert.Contains("Sms:Gateway:BaseUrl", failures, StringComparison.Ordinal);
        Assert.Contains("Sms:Gateway:Token", failures, StringComparison.Ordinal);
        Assert.Contains("Sms:Gateway:From", failures, StringComparison.Ordinal);
        Assert.Contains("Sms:Gateway:ReceiptSecret", failures, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://sms.example/v1", false)]
    [InlineData("https://sms.example/v1", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    public async Task AddSmsChannel_OutsideDevelopment_WantsHttpsExceptOnLoopback(string baseUrl, bool accepted)
    {
        await using var services = SmsServices.Build(
            new Dictionary<string, string?>
            {
                ["Sms:Transport"] = "Gateway",
                ["Sms:Gateway:BaseUrl"] = baseUrl,
                ["Sms:Gateway:Token"] = "token",
                ["Sms:Gateway:From"] = "FranceTrav",
                ["Sms:Gateway:ReceiptSecret"] = SmsServices.ReceiptSecret,
            },
            environment: "Production");

        var failures = Record.Exception(() => services.GetRequiredService<IOptions<SmsOptions>>().Value) is OptionsValidationException invalid
            ? string.Join(" ", invalid.Failures)
            : "";

        Assert.Equal(accepted, failures.Length == 0);
    }

    [Fact]
    public async Task AddSmsChannel_ShortReceiptSecret_IsRefused()
    {
        await using var services = SmsServices.Build(new Dictionary<string, string?> { ["Sms:Gateway:ReceiptSecret"] = "short" });

        var invalid = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmsOptions>>().Value);

        Assert.Contains("at least 32 characters", string.Join(" ", invalid.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSmsChannel_DevelopmentOutboxInProduction_IsRefused()
    {
        await using var services = SmsServices.Build(new Dictionary<string, string?> { ["Sms:Transport"] = "DevelopmentOutbox" }, environment: "Production");

        var invalid = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmsOptions>>().Value);

        Assert.Contains("Sms:Transport DevelopmentOutbox", string.Join(" ", invalid.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DevelopmentOutbox_KeepsTheLast500NewestFirst_WithTheIdItGave()
    {
        await using var services = SmsServices.Build(new Dictionary<string, string?> { ["Sms:Transport"] = "DevelopmentOutbox" });
        var sender = services.GetRequiredService<ISmsSender>();

        var ids = new List<string>();
        for (var i = 0; i < DevelopmentSmsOutbox.Capacity + 1; i++)
        {
            ids.Add(await sender.SendAsync(new SmsMessage("+33612345678", $"Texte {i}", $"AAAA-AAAA-{i:D4}"), Ct));
        }

        var outbox = services.GetRequiredService<DevelopmentSmsOutbox>().Messages;
        Assert.Equal(DevelopmentSmsOutbox.Capacity, outbox.Count);
        Assert.Equal(("Texte 500", "AAAA-AAAA-0500", ids[^1]), (outbox[0].Text, outbox[0].Reference, outbox[0].Id));
        Assert.Equal("Texte 1", outbox[^1].Text);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
