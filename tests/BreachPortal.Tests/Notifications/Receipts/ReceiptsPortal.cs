using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Sms;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Receipts;

/// <summary>Per test class: the portal on a database of its own, without demo data, configured for SMS through a loopback gateway.</summary>
public sealed class ReceiptsPortal(PostgresServer server) : PortalApp(server)
{
    /// <summary>What the in-memory portal answers to; the gateway's receipts reach it through <see cref="TestSmsGateway.ReceiptClient"/>.</summary>
    public const string BaseUrl = "https://localhost";

    public TestSmsGateway Gateway { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    protected override bool DemoData => false;

    public override async ValueTask InitializeAsync()
    {
        Gateway = await TestSmsGateway.StartAsync();
        await base.InitializeAsync();
        Gateway.ReceiptClient = CreateClient();
    }

    /// <summary>An SMS row as the dispatcher leaves it (a sending one still holds its content), written directly; returns its reference code.</summary>
    public async Task<string> InsertSmsAsync(MessageStatus status, string? providerReference = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO messages (campaign_id, person_id, channel, status, priority, language, reference_code, attempts,
                                  next_attempt_at, created_at, lease_token, lease_expires_at, sent_at, provider_reference, content)
            VALUES (NULL, floor(random() * 1e12)::bigint, 2, $1, 0, 'fr', portal_reference_code(), 1, now(), now(),
                    CASE WHEN $1 = 1 THEN gen_random_uuid() END, CASE WHEN $1 = 1 THEN now() + interval '5 minutes' END,
                    CASE WHEN $1 = 2 THEN now() END, $2, CASE WHEN $1 = 1 THEN '\x0102'::bytea END)
            RETURNING reference_code
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (short)status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)providerReference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async Task<SmsRow> ReadAsync(string reference)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT status, failure_reason, provider_reference, sent_at, completed_at, lease_token IS NOT NULL, content IS NOT NULL
            FROM messages WHERE reference_code = $1
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new SmsRow(
            (MessageStatus)reader.GetInt16(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetBoolean(5),
            reader.GetBoolean(6));
    }

    public async Task SetStatusAsync(string reference, MessageStatus status)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE messages SET status = $2, completed_at = NULL WHERE reference_code = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)status });
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        Gateway.ReceiptClient?.Dispose();
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Configure(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.ExtraLogger = Logs;
        factory.Set(SmsServices.GatewaySettings(Gateway));
    }
}

public sealed record SmsRow(MessageStatus Status, string? FailureReason, string? ProviderReference, DateTimeOffset? SentAt, DateTimeOffset? CompletedAt, bool Leased, bool HasContent);
