using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Notifications.Channels.Sms;

/// <summary>
/// SMS through the gateway's HTTP API (see the README, "SMS gateway contract"): one <c>POST {BaseUrl}/messages</c>
/// per message, keyed by the message's reference so that a retry never sends a second SMS.
/// </summary>
public sealed partial class GatewaySmsSender : ISmsSender
{
    public const string HttpClientName = "sms-gateway";

    private const int MaxIdLength = 100;
    private static readonly string[] HttpReasons = [.. Enumerable.Range(0, 600).Select(code => $"http-{code}")];

    private readonly HttpClient _client;
    private readonly Uri _messagesUri;
    private readonly string _from;
    private readonly int _timeoutSeconds;
    private readonly ILogger<GatewaySmsSender> _logger;

    public GatewaySmsSender(IHttpClientFactory httpClients, IOptions<SmsOptions> options, ILogger<GatewaySmsSender> logger)
    {
        var gateway = options.Value.Gateway;
        // The named client's handler never expires (see AddSmsChannel), so one HttpClient serves for the process.
        _client = httpClients.CreateClient(HttpClientName);
        _messagesUri = MessagesUri(gateway.BaseUrl);
        _from = gateway.From;
        _timeoutSeconds = gateway.TimeoutSeconds;
        _logger = logger;
    }

    public async Task<string> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new GatewayMessage(message.To, _from, message.Text, message.Reference), SmsGatewayJson.Wire.GatewayMessage);
        using var request = new HttpRequestMessage(HttpMethod.Post, _messagesUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", message.Reference);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                throw Refused(status);
            }

            return await ReadIdAsync(response, message.Reference, cancellationToken);
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's timeout, or the handler's connect timeout: not the caller's cancellation, which must stay one.
            throw new TimeoutException($"The SMS gateway did not answer within {_timeoutSeconds} s.", timedOut);
        }
    }

    /// <summary>The handler behind the named client: a pool sized for the dispatcher's concurrency, never recycled by the factory.</summary>
    internal static SocketsHttpHandler CreateHandler(SmsGatewayOptions gateway) => new()
    {
        MaxConnectionsPerServer = gateway.MaxConnections,
        // Recycled here instead, so that a change of the gateway's DNS records is eventually followed.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        ConnectTimeout = TimeSpan.FromSeconds(gateway.TimeoutSeconds),
        // A redirect would carry the bearer token elsewhere.
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };

    internal static void ConfigureClient(HttpClient client, SmsGatewayOptions gateway)
    {
        client.Timeout = TimeSpan.FromSeconds(gateway.TimeoutSeconds);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    internal static Uri MessagesUri(string baseUrl) => new($"{baseUrl.TrimEnd('/')}/messages", UriKind.Absolute);

    /// <summary>429 and 5xx (and 408 and 3xx, which a retry may get past) are transient; any other refusal is final.</summary>
    private static SmsRejectedException Refused(int status)
    {
        var permanent = status is >= 400 and < 500 and not 408 and not 429;
        var reason = status is >= 0 and < 600 ? HttpReasons[status] : "http-other";
        return new SmsRejectedException(permanent, reason, $"The SMS gateway refused the message with HTTP {status}.");
    }

    private async Task<string> ReadIdAsync(HttpResponseMessage response, string reference, CancellationToken cancellationToken)
    {
        string? id;
        try
        {
            var accepted = await response.Content.ReadFromJsonAsync(SmsGatewayJson.Wire.GatewayAccepted, cancellationToken);
            id = accepted?.Id;
        }
        catch (JsonException)
        {
            id = null;
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            // Transient: the retry carries the same Idempotency-Key, so it cannot send a second SMS.
            LogBadAnswer(_logger, reference, (int)response.StatusCode);
            throw new SmsRejectedException(false, "gateway-bad-response", "The SMS gateway accepted the message without a usable id.");
        }

        return id;
    }

    [LoggerMessage(EventId = 5301, EventName = "SmsGatewayBadAnswer", Level = LogLevel.Warning, Message = "The SMS gateway answered {Status} for message {Reference} without a usable id; it will be tried again.")]
    private static partial void LogBadAnswer(ILogger logger, string reference, int status);
}

internal sealed record GatewayMessage(string To, string From, string Text, string Reference);

internal sealed record GatewayAccepted(string? Id);

[JsonSerializable(typeof(GatewayMessage))]
[JsonSerializable(typeof(GatewayAccepted))]
internal sealed partial class SmsGatewayJson : JsonSerializerContext
{
    /// <summary>UTF-8 as is: the default encoder's escapes (<c>\u002B33…</c>, <c>\u00E9</c>) guard HTML, not an API body, and some gateways mishandle them.</summary>
    public static SmsGatewayJson Wire { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
