using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>
/// A real HTTP SMS gateway on 127.0.0.1 (Kestrel) speaking the README's "SMS gateway contract": <c>POST /messages</c>
/// with a bearer token and an Idempotency-Key, answering <c>{"id"}</c>; it can also sign and post delivery receipts.
/// Knobs for failures, throttling, latency and outages. Self-contained (ASP.NET Core and the BCL only) so that the
/// benchmarks can link this file; counters are lock-free and recording can be turned off for long runs.
/// </summary>
public sealed class TestSmsGateway : IAsyncDisposable
{
    public const string ReceiptPath = "/api/receipts/sms";
    private const int AutoReceiptConcurrency = 32;

    private static readonly byte[] InjectedBody = """{"error":"injected"}"""u8.ToArray();
    private static readonly byte[] ThrottledBody = """{"error":"rate-limited"}"""u8.ToArray();

    private readonly ConcurrentDictionary<string, string> _idsByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<GatewaySms> _messages = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly SemaphoreSlim _autoReceiptSlots = new(AutoReceiptConcurrency, AutoReceiptConcurrency);
    private readonly Lock _throttleLock = new();
    private readonly HttpClient _ownReceiptClient = new(new SocketsHttpHandler { MaxConnectionsPerServer = AutoReceiptConcurrency, UseCookies = false });
    private readonly string _expectedAuthorization;
    private WebApplication? _server;
    private int _port;
    private long _requests;
    private long _accepted;
    private long _duplicates;
    private long _refused;
    private long _nextId;
    private int _failuresLeft;
    private int _failureStatus;
    private long _throttleSecond;
    private int _inThrottleSecond;
    private AutoReceipts? _autoReceipts;
    private long _autoReceiptsPending;
    private long _autoReceiptsSent;
    private long _autoReceiptsFailed;

    private TestSmsGateway(string token)
    {
        Token = token;
        _expectedAuthorization = "Bearer " + token;
    }

    /// <summary>Starts listening on a free loopback port.</summary>
    public static async Task<TestSmsGateway> StartAsync(string? token = null, CancellationToken cancellationToken = default)
    {
        var gateway = new TestSmsGateway(token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await gateway.GoUpAsync(cancellationToken);
        return gateway;
    }

    /// <summary><c>http://127.0.0.1:port</c>, the same across <see cref="GoDownAsync"/> and <see cref="GoUpAsync"/>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{_port}";

    /// <summary>The bearer token requests must carry; anything else is answered 401.</summary>
    public string Token { get; }

    public bool IsUp => _server is not null;

    /// <summary>Every request to <c>/messages</c>, whatever its answer.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Messages accepted for the first time (one per Idempotency-Key).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Accepted attempts whose Idempotency-Key was already known: answered with the first id, not sent again.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Requests answered with an error (injected failures, throttling, bad token or bad request).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Keep each accepted message for <see cref="Messages"/>; turn off for long benchmarks (counters stay).</summary>
    public bool RecordMessages { get; set; } = true;

    /// <summary>Called with each message accepted for the first time, as it arrives, whether or not messages are recorded.</summary>
    public Action<GatewaySms>? OnAccepted { get; set; }

    /// <summary>Added before each request to <c>/messages</c> is answered.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, requests beyond this many in the current second are answered 429.</summary>
    public int? ThrottlePerSecond { get; set; }

    /// <summary>Where receipts are posted from; set it to a WebApplicationFactory client to reach an in-memory portal.</summary>
    public HttpClient? ReceiptClient { get; set; }

    public long AutoReceiptsSent => Interlocked.Read(ref _autoReceiptsSent);

    public long AutoReceiptsFailed => Interlocked.Read(ref _autoReceiptsFailed);

    /// <summary>Accepted messages in arrival order (first acceptance only).</summary>
    public IReadOnlyList<GatewaySms> Messages => [.. _messages];

    /// <summary>The id given for an Idempotency-Key, if it was accepted.</summary>
    public string? IdFor(string idempotencyKey) => _idsByKey.TryGetValue(idempotencyKey, out var id) ? id : null;

    /// <summary>The next <paramref name="count"/> requests are answered <paramref name="statusCode"/> (429, 500, 400…).</summary>
    public void FailNext(int count, HttpStatusCode statusCode)
    {
        Volatile.Write(ref _failureStatus, (int)statusCode);
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>Counters, recorded messages, known keys and knobs back to their start.</summary>
    public void Reset()
    {
        _idsByKey.Clear();
        _messages.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _accepted, 0);
        Interlocked.Exchange(ref _duplicates, 0);
        Interlocked.Exchange(ref _refused, 0);
        Volatile.Write(ref _failuresLeft, 0);
        ThrottlePerSecond = null;
        Delay = TimeSpan.Zero;
        _autoReceipts = null;
    }

    /// <summary>After accepting a new message, post a signed receipt for it to <paramref name="portalBaseUrl"/>.</summary>
    public void EnableAutoReceipts(string portalBaseUrl, string secret, string status = "delivered") =>
        _autoReceipts = new AutoReceipts(portalBaseUrl, secret, status);

    public void DisableAutoReceipts() => _autoReceipts = null;

    /// <summary>Waits until every automatic receipt queued so far has been answered.</summary>
    public async Task WaitForAutoReceiptsAsync(TimeSpan ceiling)
    {
        var elapsed = Stopwatch.StartNew();
        while (Interlocked.Read(ref _autoReceiptsPending) > 0)
        {
            if (elapsed.Elapsed > ceiling)
            {
                throw new TimeoutException($"The gateway's automatic receipts were not all answered within {ceiling}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Stops listening; connections are closed, so callers see connection failures until <see cref="GoUpAsync"/>.</summary>
    public async Task GoDownAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_server is { } server)
            {
                _server = null;
                await server.StopAsync(cancellationToken);
                await server.DisposeAsync();
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Listens again, on the same port once one was chosen.</summary>
    public async Task GoUpAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_server is not null)
            {
                return;
            }

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Loopback, _port);
            });
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
            var server = builder.Build();
            server.Run(HandleAsync);
            await server.StartAsync(cancellationToken);
            if (_port == 0)
            {
                var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                _port = new Uri(address).Port;
            }

            _server = server;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Posts a signed receipt to <c>{portalBaseUrl}/api/receipts/sms</c>; the caller disposes the answer.</summary>
    /// <param name="portalBaseUrl">The portal's root.</param>
    /// <param name="id">The gateway's id for the message.</param>
    /// <param name="reference">The message's reference code.</param>
    /// <param name="status"><c>delivered</c>, <c>failed</c>, <c>expired</c> or <c>rejected</c>.</param>
    /// <param name="secret">The shared receipt secret.</param>
    /// <param name="timestamp">Unix seconds to sign with instead of now.</param>
    /// <param name="signature">A whole <c>X-Receipt-Signature</c> value to send instead of the right one.</param>
    /// <param name="error">The optional error code of a failure.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    public Task<HttpResponseMessage> SendReceiptAsync(
        string portalBaseUrl,
        string id,
        string reference,
        string status,
        string secret,
        long? timestamp = null,
        string? signature = null,
        string? error = null,
        CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new GatewayReceiptBody(id, reference, status, error), TestSmsGatewayJson.Default.GatewayReceiptBody);
        return SendReceiptBodyAsync(portalBaseUrl, body, secret, timestamp, signature, cancellationToken);
    }

    /// <summary>Posts any body (malformed ones included), signed like a receipt unless <paramref name="signature"/> is given.</summary>
    /// <param name="portalBaseUrl">The portal's root.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="secret">The shared receipt secret.</param>
    /// <param name="timestamp">Unix seconds to sign with instead of now.</param>
    /// <param name="signature">A whole <c>X-Receipt-Signature</c> value to send instead of the right one.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    public async Task<HttpResponseMessage> SendReceiptBodyAsync(
        string portalBaseUrl,
        byte[] body,
        string secret,
        long? timestamp = null,
        string? signature = null,
        CancellationToken cancellationToken = default)
    {
        var seconds = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{portalBaseUrl.TrimEnd('/')}{ReceiptPath}"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("X-Receipt-Timestamp", seconds);
        request.Headers.TryAddWithoutValidation("X-Receipt-Signature", signature ?? Sign(secret, seconds, body));
        return await (ReceiptClient ?? _ownReceiptClient).SendAsync(request, cancellationToken);
    }

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of <c>"&lt;timestamp&gt;.&lt;body&gt;"</c> keyed by the secret's UTF-8 bytes.</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        byte[] signed = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. body];
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public async ValueTask DisposeAsync()
    {
        await GoDownAsync();
        _ownReceiptClient.Dispose();
        _lifecycle.Dispose();
        _autoReceiptSlots.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPost(request.Method) || request.Path != "/messages")
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (TakeInjectedFailure() is { } injected)
        {
            await RefuseAsync(response, injected, InjectedBody);
            return;
        }

        if (IsThrottled())
        {
            response.Headers.RetryAfter = "1";
            await RefuseAsync(response, StatusCodes.Status429TooManyRequests, ThrottledBody);
            return;
        }

        if (!string.Equals(request.Headers.Authorization, _expectedAuthorization, StringComparison.Ordinal))
        {
            await RefuseAsync(response, StatusCodes.Status401Unauthorized, """{"error":"unauthorized"}"""u8.ToArray());
            return;
        }

        var key = request.Headers["Idempotency-Key"];
        if (key.Count != 1 || string.IsNullOrEmpty(key[0]))
        {
            await RefuseAsync(response, StatusCodes.Status400BadRequest, """{"error":"idempotency-key-required"}"""u8.ToArray());
            return;
        }

        if (!request.HasJsonContentType())
        {
            await RefuseAsync(response, StatusCodes.Status415UnsupportedMediaType, """{"error":"json-required"}"""u8.ToArray());
            return;
        }

        GatewayRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, TestSmsGatewayJson.Default.GatewayRequestBody, context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is not { To.Length: > 0, From.Length: > 0, Text.Length: > 0, Reference.Length: > 0 })
        {
            await RefuseAsync(response, StatusCodes.Status400BadRequest, """{"error":"to-from-text-reference-required"}"""u8.ToArray());
            return;
        }

        var idempotencyKey = key[0]!;
        var candidate = "gw-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        string id;
        if (_idsByKey.TryAdd(idempotencyKey, candidate))
        {
            id = candidate;
            Interlocked.Increment(ref _accepted);
            var accepted = new GatewaySms(body.To, body.From, body.Text, body.Reference, idempotencyKey, id);
            OnAccepted?.Invoke(accepted);
            if (RecordMessages)
            {
                _messages.Enqueue(accepted);
            }

            response.StatusCode = StatusCodes.Status202Accepted;
            QueueAutoReceipt(id, body.Reference);
        }
        else
        {
            id = _idsByKey[idempotencyKey];
            Interlocked.Increment(ref _duplicates);
            response.StatusCode = StatusCodes.Status200OK;
        }

        response.ContentType = "application/json";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""), context.RequestAborted);
    }

    private async Task RefuseAsync(HttpResponse response, int status, byte[] body)
    {
        Interlocked.Increment(ref _refused);
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(body);
    }

    private int? TakeInjectedFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failuresLeft);
            if (left <= 0)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
            {
                return Volatile.Read(ref _failureStatus);
            }
        }
    }

    private bool IsThrottled()
    {
        if (ThrottlePerSecond is not { } limit)
        {
            return false;
        }

        var second = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        if (Interlocked.Read(ref _throttleSecond) != second)
        {
            lock (_throttleLock)
            {
                if (_throttleSecond != second)
                {
                    Volatile.Write(ref _inThrottleSecond, 0);
                    Interlocked.Exchange(ref _throttleSecond, second);
                }
            }
        }

        return Interlocked.Increment(ref _inThrottleSecond) > limit;
    }

    private void QueueAutoReceipt(string id, string reference)
    {
        if (_autoReceipts is not { } target)
        {
            return;
        }

        Interlocked.Increment(ref _autoReceiptsPending);
        _ = Task.Run(async () =>
        {
            await _autoReceiptSlots.WaitAsync();
            try
            {
                using var answer = await SendReceiptAsync(target.PortalBaseUrl, id, reference, target.Status, target.Secret);
                if (answer.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _autoReceiptsSent);
                }
                else
                {
                    Interlocked.Increment(ref _autoReceiptsFailed);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                Interlocked.Increment(ref _autoReceiptsFailed);
            }
            finally
            {
                _autoReceiptSlots.Release();
                Interlocked.Decrement(ref _autoReceiptsPending);
            }
        });
    }

    private sealed record AutoReceipts(string PortalBaseUrl, string Secret, string Status);
}

/// <summary>One message as the gateway accepted it.</summary>
/// <param name="To">The recipient, as sent.</param>
/// <param name="From">The sender id.</param>
/// <param name="Text">The text.</param>
/// <param name="Reference">The body's <c>reference</c>.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header.</param>
/// <param name="Id">The id the gateway answered.</param>
public sealed record GatewaySms(string To, string From, string Text, string Reference, string IdempotencyKey, string Id);

internal sealed record GatewayRequestBody(string? To, string? From, string? Text, string? Reference);

internal sealed record GatewayReceiptBody(string Id, string Reference, string Status, string? Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayRequestBody))]
[JsonSerializable(typeof(GatewayReceiptBody))]
internal sealed partial class TestSmsGatewayJson : JsonSerializerContext;
