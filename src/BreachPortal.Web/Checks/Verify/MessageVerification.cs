using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace BreachPortal.Web.Checks.Verify;

public enum VerificationOutcome
{
    /// <summary>The input cannot be a reference code (wrong length or characters).</summary>
    Malformed,

    /// <summary>No message of ours ever had this code.</summary>
    Unknown,

    /// <summary>We sent a message with this code.</summary>
    Sent,

    /// <summary>A message with this code was prepared but cancelled before it was sent.</summary>
    Cancelled,

    /// <summary>A message with this code exists but has not gone out (queued, or failed before it was sent).</summary>
    NotSent,
}

/// <summary>
/// What <c>/verify</c> may say about a reference code: whether we sent it, when, by which channel, about which
/// incident. Nothing about the person it went to: not their name, address, number or status beyond "sent".
/// </summary>
/// <param name="Outcome">The answer.</param>
/// <param name="ReferenceCode">The code as normalised (null when malformed).</param>
/// <param name="SentAt">When it was sent, for <see cref="VerificationOutcome.Sent"/>.</param>
/// <param name="Channel">Email or SMS, when the code is ours.</param>
/// <param name="Incident">The incident it was about; null for a one-time code or an unknown code.</param>
public sealed record MessageVerificationResult(VerificationOutcome Outcome, string? ReferenceCode, DateTimeOffset? SentAt, MessageChannel? Channel, Incident? Incident)
{
    /// <summary>A one-time code the person asked for on <c>/check</c>, not a notification.</summary>
    public bool IsOneTimeCode => Outcome is VerificationOutcome.Sent or VerificationOutcome.Cancelled or VerificationOutcome.NotSent && Incident is null;
}

public sealed class MessageVerification(NpgsqlDataSource database, PortalDbContext db, IMemoryCache cache)
{
    public async Task<MessageVerificationResult> VerifyAsync(string? typed, CancellationToken cancellationToken)
    {
        if (ReferenceCode.Normalize(typed) is not { } code)
        {
            return new MessageVerificationResult(VerificationOutcome.Malformed, null, null, null, null);
        }

        // reference_code is character(14): compared with a text parameter, the column would be cast and its unique index skipped.
        await using var command = PortalSql.Command(
            database,
            """
            SELECT m.status, m.sent_at, m.channel, c.incident_id
            FROM messages m LEFT JOIN campaigns c ON c.id = m.campaign_id
            WHERE m.reference_code = $1::bpchar
            """,
            PortalSql.Typed(code));
        short status;
        DateTimeOffset? sentAt;
        MessageChannel channel;
        int? incidentId;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new MessageVerificationResult(VerificationOutcome.Unknown, code, null, null, null);
            }

            status = reader.GetInt16(0);
            sentAt = reader.NullableMoment(1);
            channel = (MessageChannel)reader.GetInt16(2);
            incidentId = reader.NullableInt32(3);
        }

        var incident = incidentId is { } id ? await IncidentAsync(id, cancellationToken) : null;
        var outcome = sentAt is not null ? VerificationOutcome.Sent
            : (MessageStatus)status == MessageStatus.Cancelled ? VerificationOutcome.Cancelled
            : VerificationOutcome.NotSent;
        return new MessageVerificationResult(outcome, code, sentAt, channel, incident);
    }

    // A handful of incidents answer every known code: kept a minute rather than read again for each verification.
    private async Task<Incident?> IncidentAsync(int id, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("verify-incident", id), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        });
}
