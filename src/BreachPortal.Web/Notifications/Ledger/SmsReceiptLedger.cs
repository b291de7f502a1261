using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>Applies a verified receipt to the <c>messages</c> ledger and remembers it in <c>sms_receipts</c>, in one statement.</summary>
internal sealed class SmsReceiptLedger(PortalDbContext db)
{
    /// <summary>Far beyond the freshness window, past which a replay is refused for its timestamp anyway.</summary>
    public static readonly TimeSpan KeepReceipts = TimeSpan.FromDays(1);

    // Sending is among the statuses awaiting a receipt: the receipt can overtake the dispatcher's own commit of "sent". Clearing the lease makes
    // that commit, which is guarded by its lease, change nothing, so the receipt also does what it would have done:
    // erase a one-time code's content. The receipt is remembered even when no message moves, so that its replay is
    // told apart from a first delivery.
    private static readonly string DeliveredSql =
        ReceiptSql($"status = {LedgerSql.Delivered}, completed_at = $2, sent_at = coalesce(sent_at, $2)");

    private static readonly string FailedSql =
        ReceiptSql($"status = {LedgerSql.PermanentFailure}, completed_at = $2, failure_reason = $5");

    /// <summary>Remembers the receipt ($1 its signature's hash, $2 when) and, on its first arrival, moves the SMS ($3 its reference, $4 the provider's id) with <paramref name="set"/>.</summary>
    private static string ReceiptSql(string set) => $$"""
        WITH receipt AS (
            INSERT INTO sms_receipts (signature_hash, received_at) VALUES ($1, $2)
            ON CONFLICT DO NOTHING
            RETURNING 1),
        changed AS (
            UPDATE messages
            SET {{set}}, provider_reference = coalesce(provider_reference, $4), lease_token = NULL, lease_expires_at = NULL, content = NULL
            WHERE reference_code = $3::bpchar AND channel = {{LedgerSql.Sms}} AND status IN {{LedgerSql.AwaitingReceipt}} AND EXISTS (SELECT FROM receipt)
            RETURNING 1)
        SELECT EXISTS (SELECT FROM receipt), EXISTS (SELECT FROM changed),
               EXISTS (SELECT FROM messages WHERE reference_code = $3::bpchar AND channel = {{LedgerSql.Sms}})
        """;

    /// <param name="reference">The SMS's reference code, as the verified receipt gives it.</param>
    /// <param name="providerId">The gateway's id of the SMS.</param>
    /// <param name="failureReason">Null for a delivery; else why the gateway gave up (a short code).</param>
    /// <param name="signatureHash">SHA-256 of its signature: the key that recognises a replay.</param>
    /// <param name="now">When it arrived.</param>
    /// <param name="cancellationToken">Cancels the statement, which then changes nothing.</param>
    public async Task<ReceiptOutcome> ApplyAsync(string reference, string providerId, string? failureReason, byte[] signatureHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = failureReason is null
                ? PortalSql.Command(connection, DeliveredSql, signatureHash, now, reference, providerId)
                : PortalSql.Command(connection, FailedSql, signatureHash, now, reference, providerId, failureReason);

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (remembered, changed, known) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
            return (remembered, changed, known) switch
            {
                (false, _, _) => ReceiptOutcome.Replayed,
                (_, true, _) => ReceiptOutcome.Applied,
                (_, _, false) => ReceiptOutcome.UnknownReference,
                _ => ReceiptOutcome.AlreadyFinal,
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <returns>The receipts forgotten.</returns>
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = (now - KeepReceipts).ToUniversalTime();
        return db.Database.ExecuteSqlAsync($"DELETE FROM sms_receipts WHERE received_at < {before}", cancellationToken);
    }
}

internal enum ReceiptOutcome
{
    /// <summary>The message moved to delivered or permanent-failure.</summary>
    Applied,

    /// <summary>This very receipt was accepted before: nothing changed.</summary>
    Replayed,

    /// <summary>No SMS has this reference: nothing changed, and the gateway must not send it again.</summary>
    UnknownReference,

    /// <summary>The message was not sending or sent (already final, cancelled, or not yet tried): nothing changed.</summary>
    AlreadyFinal,
}
