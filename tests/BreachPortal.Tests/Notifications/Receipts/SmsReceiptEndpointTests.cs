using System.Net;
using System.Text;
using System.Text.Json;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Sms;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Notifications.Receipts;

public sealed class SmsReceiptEndpointTests(ReceiptsPortal portal) : IClassFixture<ReceiptsPortal>
{
    private const string Secret = SmsServices.ReceiptSecret;
    private const string Url = ReceiptsPortal.BaseUrl;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestSmsGateway Gateway => portal.Gateway;

    [Fact]
    public async Task Delivered_ForASentSms_MarksItDeliveredWithTheGatewaysId()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);

        using var response = await Gateway.SendReceiptAsync(Url, "gw-delivered-1", reference, "delivered", Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("applied", await OutcomeAsync(response));
        var row = await portal.ReadAsync(reference);
        Assert.Equal(MessageStatus.Delivered, row.Status);
        Assert.Equal("gw-delivered-1", row.ProviderReference);
        Assert.NotNull(row.CompletedAt);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.FailureReason);
    }

    [Fact]
    public async Task Delivered_KeepsTheIdTheDispatcherAlreadyRecorded()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent, providerReference: "gw-from-dispatcher");

        using var response = await Gateway.SendReceiptAsync(Url, "gw-other", reference, "delivered", Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gw-from-dispatcher", (await portal.ReadAsync(reference)).ProviderReference);
    }

    [Fact]
    public async Task Delivered_WhileTheDispatcherStillHoldsItAsSending_MarksItDelivered_ReleasesTheLease_AndErasesTheContent()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sending);

        using var response = await Gateway.SendReceiptAsync(Url, "gw-overtaking", reference, "delivered", Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await portal.ReadAsync(reference);
        Assert.Equal(MessageStatus.Delivered, row.Status);
        Assert.Equal("gw-overtaking", row.ProviderReference);
        Assert.NotNull(row.SentAt);
        Assert.False(row.Leased);
        Assert.False(row.HasContent);
    }

    [Fact]
    public async Task Failed_WhileTheDispatcherStillHoldsItAsSending_IsAPermanentFailure_AndErasesTheContent()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sending);

        using var response = await Gateway.SendReceiptAsync(Url, "gw-overtaking", reference, "rejected", Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await portal.ReadAsync(reference);
        Assert.Equal((MessageStatus.PermanentFailure, "receipt-rejected", false, false), (row.Status, row.FailureReason, row.Leased, row.HasContent));
    }

    [Theory]
    [InlineData("failed", "Unknown Subscriber!", "receipt-failed-unknown-subscriber")]
    [InlineData("expired", null, "receipt-expired")]
    [InlineData("rejected", "blocked_by_carrier", "receipt-rejected-blocked-by-carrier")]
    public async Task Failure_ForASentSms_IsAPermanentFailureWithASanitisedReason(string status, string? error, string reason)
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);

        using var response = await Gateway.SendReceiptAsync(Url, "gw-failed", reference, status, Secret, error: error, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await portal.ReadAsync(reference);
        Assert.Equal(MessageStatus.PermanentFailure, row.Status);
        Assert.Equal(reason, row.FailureReason);
        Assert.NotNull(row.CompletedAt);
    }

    [Fact]
    public async Task Failure_WithAnOverlongError_KeepsTheReasonWithinItsColumn()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);

        using var response = await Gateway.SendReceiptAsync(Url, "gw-failed", reference, "failed", Secret, error: new string('x', 300), cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await portal.ReadAsync(reference);
        Assert.StartsWith("receipt-failed-xxx", row.FailureReason, StringComparison.Ordinal);
        Assert.Equal(100, row.FailureReason!.Length);
    }

    [Fact]
    public async Task ForgedSignature_IsRefused_AndChangesNothing()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        var body = ReceiptBody(reference, "delivered");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var forged = TestSmsGateway.Sign("a-secret-the-attacker-guessed-wrong-000", $"{now}", body);

        using var response = await Gateway.SendReceiptBodyAsync(Url, body, Secret, now, forged, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("bad-signature", await CodeAsync(response));
        Assert.Equal(MessageStatus.Sent, (await portal.ReadAsync(reference)).Status);
    }

    [Fact]
    public async Task SignatureOfAnotherBody_IsRefused()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signatureOfFailed = TestSmsGateway.Sign(Secret, $"{now}", ReceiptBody(reference, "failed"));

        using var response = await Gateway.SendReceiptBodyAsync(Url, ReceiptBody(reference, "delivered"), Secret, now, signatureOfFailed, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(MessageStatus.Sent, (await portal.ReadAsync(reference)).Status);
    }

    [Theory]
    [InlineData(-6, "stale-timestamp")]
    [InlineData(6, "future-timestamp")]
    public async Task TimestampOutsideFiveMinutes_IsRefusedEvenWhenCorrectlySigned_AndChangesNothing(int minutes, string code)
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(minutes).ToUnixTimeSeconds();

        using var response = await Gateway.SendReceiptAsync(Url, "gw-late", reference, "delivered", Secret, timestamp, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(code, await CodeAsync(response));
        Assert.Equal(MessageStatus.Sent, (await portal.ReadAsync(reference)).Status);
    }

    [Fact]
    public async Task TimestampFourMinutesOld_IsAccepted()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-4).ToUnixTimeSeconds();

        using var response = await Gateway.SendReceiptAsync(Url, "gw-4min", reference, "delivered", Secret, timestamp, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, (await portal.ReadAsync(reference)).Status);
    }

    [Theory]
    [InlineData(null, "sha256=00", "missing-timestamp")]
    [InlineData("1700000000", null, "missing-signature")]
    [InlineData("17e8", "sha256=00", "malformed-timestamp")]
    [InlineData("NOW", "sha256=00", "malformed-timestamp")]
    public async Task MissingOrMalformedHeaders_AreRefusedWithWhatIsWrong(string? timestamp, string? signature, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/receipts/sms") { Content = new ByteArrayContent(ReceiptBody("AAAA-AAAA-AAAA", "delivered")) };
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Receipt-Timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Receipt-Signature", signature);
        }

        using var response = await Gateway.ReceiptClient!.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(code, await CodeAsync(response));
    }

    [Theory]
    [InlineData("sha256=abc")]
    [InlineData("md5=0123456789abcdef0123456789abcdef")]
    [InlineData("sha256=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task MalformedSignature_IsRefused(string signature)
    {
        using var response = await Gateway.SendReceiptAsync(Url, "gw", "AAAA-AAAA-AAAA", "delivered", Secret, signature: signature, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("malformed-signature", await CodeAsync(response));
    }

    [Fact]
    public async Task Replay_OfAnAcceptedReceipt_AnswersOkAndChangesNothing()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        var body = ReceiptBody(reference, "delivered");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using (var first = await Gateway.SendReceiptBodyAsync(Url, body, Secret, now, cancellationToken: Ct))
        {
            Assert.Equal("applied", await OutcomeAsync(first));
        }

        await portal.SetStatusAsync(reference, MessageStatus.Sent);
        using var replay = await Gateway.SendReceiptBodyAsync(Url, body, Secret, now, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("replayed", await OutcomeAsync(replay));
        Assert.Equal(MessageStatus.Sent, (await portal.ReadAsync(reference)).Status);
    }

    [Fact]
    public async Task Replay_WithTheSignatureInUppercaseHex_IsStillAReplay()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        var body = ReceiptBody(reference, "delivered");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = TestSmsGateway.Sign(Secret, $"{now}", body);
        using (await Gateway.SendReceiptBodyAsync(Url, body, Secret, now, signature, Ct))
        {
        }

        await portal.SetStatusAsync(reference, MessageStatus.Sent);
        using var replay = await Gateway.SendReceiptBodyAsync(Url, body, Secret, now, "sha256=" + signature["sha256=".Length..].ToUpperInvariant(), Ct);

        Assert.Equal("replayed", await OutcomeAsync(replay));
        Assert.Equal(MessageStatus.Sent, (await portal.ReadAsync(reference)).Status);
    }

    [Fact]
    public async Task UnknownReference_AnswersOkSoTheGatewayStops_ChangesNothing_AndIsLoggedWithoutPersonalData()
    {
        var bystander = await portal.InsertSmsAsync(MessageStatus.Sent);

        using var response = await Gateway.SendReceiptAsync(Url, "gw-unknown", "ZZZZ-ZZZZ-ZZZZ", "delivered", Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unknown-reference", await OutcomeAsync(response));
        Assert.Equal(MessageStatus.Sent, (await portal.ReadAsync(bystander)).Status);
        // Serilog hands other providers the message with its string values quoted.
        Assert.Contains(portal.Logs.Entries, e => e.Message.Contains("unknown reference \"ZZZZ-ZZZZ-ZZZZ\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiptForAnSmsAlreadyDelivered_ChangesNothing()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        using (await Gateway.SendReceiptAsync(Url, "gw-1", reference, "delivered", Secret, cancellationToken: Ct))
        {
        }

        using var late = await Gateway.SendReceiptAsync(Url, "gw-1", reference, "failed", Secret, error: "late", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("already-final", await OutcomeAsync(late));
        var row = await portal.ReadAsync(reference);
        Assert.Equal(MessageStatus.Delivered, row.Status);
        Assert.Null(row.FailureReason);
    }

    [Theory]
    [InlineData("{\"id\": \"gw-1\", \"reference\": ")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"id\": \"gw-1\", \"reference\": \"AAAA-AAAA-AAAA\", \"status\": \"read\"}")]
    [InlineData("{\"id\": \"gw-1\", \"reference\": \"AAAA-AAAA-AAAA\"}")]
    [InlineData("{\"id\": \"\", \"reference\": \"AAAA-AAAA-AAAA\", \"status\": \"delivered\"}")]
    [InlineData("{\"id\": \"gw-1\", \"reference\": \"aaaa\", \"status\": \"delivered\"}")]
    public async Task SignedButInvalidBody_IsABadRequest(string body)
    {
        using var response = await Gateway.SendReceiptBodyAsync(Url, Encoding.UTF8.GetBytes(body), Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-body", await CodeAsync(response));
    }

    [Fact]
    public async Task OversizedBody_IsRefusedAsTooLarge()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"id":"gw-1","reference":"AAAA-AAAA-AAAA","status":"delivered","padding":"{{new string('x', 5000)}}"}""");

        using var response = await Gateway.SendReceiptBodyAsync(Url, body, Secret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Problems_NeverMentionTheSecret()
    {
        using var response = await Gateway.SendReceiptAsync(Url, "gw", "AAAA-AAAA-AAAA", "delivered", "wrong-secret-wrong-secret-wrong-secret", cancellationToken: Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_ThroughTheGateway_WithAutomaticReceipts_EndsDelivered()
    {
        var reference = await portal.InsertSmsAsync(MessageStatus.Sending);
        Gateway.EnableAutoReceipts(Url, Secret);
        try
        {
            var id = await portal.Factory.Services.GetRequiredService<ISmsSender>().SendAsync(new SmsMessage("+33612345678", "Votre code", reference), Ct);
            await Gateway.WaitForAutoReceiptsAsync(Eventually.Ceiling);

            var row = await portal.ReadAsync(reference);
            Assert.Equal(MessageStatus.Delivered, row.Status);
            Assert.Equal(id, row.ProviderReference);
            Assert.DoesNotContain(portal.Logs.Entries, e => e.Message.Contains("+33612345678", StringComparison.Ordinal) || e.Message.Contains("Votre code", StringComparison.Ordinal));
        }
        finally
        {
            Gateway.DisableAutoReceipts();
        }
    }

    private static byte[] ReceiptBody(string reference, string status) =>
        Encoding.UTF8.GetBytes($$"""{"id":"gw-{{reference}}","reference":"{{reference}}","status":"{{status}}"}""");

    private static Task<string?> OutcomeAsync(HttpResponseMessage response) => PropertyAsync(response, "outcome");

    private static Task<string?> CodeAsync(HttpResponseMessage response) => PropertyAsync(response, "code");

    private static async Task<string?> PropertyAsync(HttpResponseMessage response, string name)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty(name).GetString();
    }
}
