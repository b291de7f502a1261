using System.Buffers;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Notifications.Receipts;

/// <summary>
/// <c>POST /api/receipts/sms</c>: the gateway's delivery receipts, authenticated by their signature alone (no
/// cookie, no antiforgery token). See the README, "SMS gateway contract".
/// </summary>
public static class SmsReceiptEndpoint
{
    public const string Path = "/api/receipts/sms";

    public static IEndpointRouteBuilder MapSmsReceipts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, context => context.RequestServices.GetRequiredService<SmsReceiptHandler>().HandleAsync(context));
        return endpoints;
    }

    internal static IServiceCollection AddSmsReceipts(this IServiceCollection services)
    {
        services.AddSingleton<SmsReceiptHandler>();
        services.AddScoped<SmsReceiptLedger>();
        return services;
    }
}

internal sealed partial class SmsReceiptHandler
{
    public const int MaxBodyBytes = 4096;
    public const string MeterName = "BreachPortal.Notifications.Sms";

    /// <summary>About one purge a second at 1,000 receipts a second; each deletes what arrived during one such interval a day ago.</summary>
    private const int PurgeEvery = 1_000;

    private static readonly byte[][] OutcomeBodies =
        [.. Enum.GetValues<ReceiptOutcome>().Select(o => Encoding.UTF8.GetBytes($$"""{"outcome":"{{OutcomeName(o)}}"}"""))];

    private readonly IOptions<SmsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SmsReceiptHandler> _logger;
    private readonly Counter<long> _receipts;
    private byte[]? _secret;
    private long _accepted;

    public SmsReceiptHandler(IOptions<SmsOptions> options, TimeProvider time, ILogger<SmsReceiptHandler> logger, IMeterFactory meters)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _receipts = meters.Create(MeterName).CreateCounter<long>("breachportal.sms.receipts", description: "SMS delivery receipts received, by outcome.");
    }

    public async Task HandleAsync(HttpContext context)
    {
        var secret = Secret();
        if (secret is null)
        {
            LogNotConfigured(_logger);
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "not-configured", "This instance does not accept SMS receipts yet.");
            return;
        }

        var mac = new byte[SmsReceiptSignature.MacLength];
        var now = _time.GetUtcNow();
        if (SmsReceiptSignature.CheckHeaders(context.Request.Headers, now, mac, out var timestamp) is { } refusal)
        {
            await RefuseAsync(context, refusal);
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }

        SmsReceipt? receipt;
        string problem;
        var buffer = ArrayPool<byte>.Shared.Rent(timestamp.Length + 1 + MaxBodyBytes + 1);
        try
        {
            var prefix = Encoding.ASCII.GetBytes(timestamp, buffer);
            buffer[prefix++] = (byte)'.';
            var length = await ReadBodyAsync(context.Request.Body, buffer.AsMemory(prefix, MaxBodyBytes + 1), context.RequestAborted);
            if (length > MaxBodyBytes)
            {
                await TooLargeAsync(context);
                return;
            }

            if (!SmsReceiptSignature.Verify(secret, buffer.AsSpan(0, prefix + length), mac))
            {
                await RefuseAsync(context, ReceiptRefusal.BadSignature);
                return;
            }

            receipt = SmsReceipt.Parse(buffer.AsSpan(prefix, length), out problem);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (receipt is null)
        {
            Count("invalid");
            LogInvalid(_logger, problem);
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "invalid-body", problem);
            return;
        }

        var ledger = context.RequestServices.GetRequiredService<SmsReceiptLedger>();
        var failureReason = receipt.Status == SmsReceiptStatus.Delivered ? null : receipt.FailureReason;
        var outcome = await ledger.ApplyAsync(receipt.Reference, receipt.Id, failureReason, SHA256.HashData(mac), now, context.RequestAborted);
        Count(OutcomeName(outcome));
        Log(outcome, receipt);
        if (outcome != ReceiptOutcome.Replayed && Interlocked.Increment(ref _accepted) % PurgeEvery == 1)
        {
            await PurgeAsync(ledger, now);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(OutcomeBodies[(int)outcome], context.RequestAborted);
    }

    private byte[]? Secret()
    {
        if (_secret is null && _options.Value.Gateway.ReceiptSecret is { Length: > 0 } configured)
        {
            _secret = Encoding.UTF8.GetBytes(configured);
        }

        return _secret;
    }

    private static async Task<int> ReadBodyAsync(Stream body, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var read = 0;
        int chunk;
        while (read < destination.Length && (chunk = await body.ReadAsync(destination[read..], cancellationToken)) > 0)
        {
            read += chunk;
        }

        return read;
    }

    private async Task PurgeAsync(SmsReceiptLedger ledger, DateTimeOffset now)
    {
        try
        {
            var forgotten = await ledger.PurgeAsync(now, CancellationToken.None);
            LogPurged(_logger, forgotten);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Only housekeeping: the receipt itself is applied, and the next purge catches up.
            LogPurgeFailed(_logger, exception);
        }
    }

    private void Log(ReceiptOutcome outcome, SmsReceipt receipt)
    {
        switch (outcome)
        {
            case ReceiptOutcome.Applied:
                LogApplied(_logger, receipt.Reference, receipt.Status);
                break;
            case ReceiptOutcome.Replayed:
                LogReplayed(_logger, receipt.Reference);
                break;
            case ReceiptOutcome.UnknownReference:
                LogUnknown(_logger, receipt.Reference, receipt.Id);
                break;
            case ReceiptOutcome.AlreadyFinal:
                LogAlreadyFinal(_logger, receipt.Reference, receipt.Status);
                break;
        }
    }

    private Task RefuseAsync(HttpContext context, ReceiptRefusal refusal)
    {
        var (code, detail) = refusal switch
        {
            ReceiptRefusal.MissingTimestamp => ("missing-timestamp", $"The {SmsReceiptSignature.TimestampHeader} header is missing."),
            ReceiptRefusal.MissingSignature => ("missing-signature", $"The {SmsReceiptSignature.SignatureHeader} header is missing."),
            ReceiptRefusal.MalformedTimestamp => ("malformed-timestamp", $"{SmsReceiptSignature.TimestampHeader} must be one value in Unix seconds."),
            ReceiptRefusal.MalformedSignature => ("malformed-signature", $"{SmsReceiptSignature.SignatureHeader} must be one value, sha256= and 64 hex digits."),
            ReceiptRefusal.StaleTimestamp => ("stale-timestamp", "The receipt is more than 5 minutes old: sign it again with the current time."),
            ReceiptRefusal.FutureTimestamp => ("future-timestamp", "The receipt is dated more than 5 minutes ahead: check the sender's clock."),
            _ => ("bad-signature", "The signature does not match this timestamp and body."),
        };
        Count(code);
        LogRefused(_logger, code);
        return WriteProblemAsync(context, StatusCodes.Status401Unauthorized, code, detail);
    }

    private Task TooLargeAsync(HttpContext context)
    {
        Count("too-large");
        LogRefused(_logger, "too-large");
        return WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "too-large", $"A receipt's body is {MaxBodyBytes} bytes at most.");
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string code, string detail) =>
        TypedResults.Problem(
            detail,
            statusCode: status,
            title: status == StatusCodes.Status401Unauthorized ? "Receipt not authenticated" : "Receipt refused",
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);

    private void Count(string outcome) => _receipts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private static string OutcomeName(ReceiptOutcome outcome) => outcome switch
    {
        ReceiptOutcome.Applied => "applied",
        ReceiptOutcome.Replayed => "replayed",
        ReceiptOutcome.UnknownReference => "unknown-reference",
        _ => "already-final",
    };

    [LoggerMessage(EventId = 5401, EventName = "SmsReceiptApplied", Level = LogLevel.Debug, Message = "SMS receipt for message {Reference} applied: {Status}.")]
    private static partial void LogApplied(ILogger logger, string reference, SmsReceiptStatus status);

    [LoggerMessage(EventId = 5402, EventName = "SmsReceiptReplayed", Level = LogLevel.Information, Message = "SMS receipt for message {Reference} replayed: nothing changed.")]
    private static partial void LogReplayed(ILogger logger, string reference);

    [LoggerMessage(EventId = 5403, EventName = "SmsReceiptUnknownReference", Level = LogLevel.Warning, Message = "SMS receipt for unknown reference {Reference} (gateway id {GatewayId}): nothing changed.")]
    private static partial void LogUnknown(ILogger logger, string reference, string gatewayId);

    [LoggerMessage(EventId = 5404, EventName = "SmsReceiptNotApplicable", Level = LogLevel.Information, Message = "SMS receipt {Status} for message {Reference}, which is neither sending nor sent: nothing changed.")]
    private static partial void LogAlreadyFinal(ILogger logger, string reference, SmsReceiptStatus status);

    [LoggerMessage(EventId = 5405, EventName = "SmsReceiptRefused", Level = LogLevel.Warning, Message = "SMS receipt refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5406, EventName = "SmsReceiptInvalid", Level = LogLevel.Warning, Message = "SMS receipt correctly signed but invalid: {Problem}")]
    private static partial void LogInvalid(ILogger logger, string problem);

    [LoggerMessage(EventId = 5407, EventName = "SmsReceiptsNotConfigured", Level = LogLevel.Error, Message = "An SMS receipt arrived but Sms:Gateway:ReceiptSecret is not set: it was refused with 503.")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 5408, EventName = "SmsReceiptsPurged", Level = LogLevel.Debug, Message = "{Count} remembered SMS receipts older than a day forgotten.")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 5409, EventName = "SmsReceiptPurgeFailed", Level = LogLevel.Warning, Message = "Old SMS receipts could not be forgotten; the next purge tries again.")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
