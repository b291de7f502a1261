using System.Text;
using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Protection;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// The priority lane: a message written now for one person (a one-time code), claimed by the dispatcher before any
/// campaign message. Its text is stored encrypted, because it holds the code, and erased once sent.
/// </summary>
public sealed class PriorityMessages(NpgsqlDataSource database, FieldProtector protector, PriorityArrivals arrivals, TimeProvider time)
{
    public const short Lane = 1;
    private const string ContentColumn = "messages.content:";

    private static readonly string EnqueueSql = $"""
        INSERT INTO messages (campaign_id, person_id, channel, status, priority, language, reference_code, attempts, next_attempt_at, created_at, content)
        VALUES (NULL, $1, $2, {LedgerSql.Created}, $3, $4, $5, 0, $6, $6, $7)
        """;

    /// <param name="personId">Who receives it (the address or number on file is looked up when it is sent).</param>
    /// <param name="channel">Email or SMS.</param>
    /// <param name="language"><c>fr</c> or <c>en</c>.</param>
    /// <param name="subject">The email's subject; null for an SMS.</param>
    /// <param name="text">The text, final.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The message's reference code.</returns>
    public async Task<string> EnqueueAsync(long personId, MessageChannel channel, string language, string? subject, string text, CancellationToken cancellationToken)
    {
        var reference = ReferenceCode.New();
        await using var batch = PortalSql.Batch(database, EnqueueCommand(personId, channel, language, reference, subject, text));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        arrivals.Announce();
        return reference;
    }

    /// <summary>Messages written with <see cref="EnqueueCommand"/> are committed: the dispatcher may claim them now.</summary>
    public void Committed() => arrivals.Announce();

    /// <summary>
    /// The same write as <see cref="EnqueueAsync"/>, as a statement for the caller's batch and transaction, with a
    /// reference code the caller drew (<see cref="ReferenceCode.New"/>) so that the text can print it. Once the caller
    /// has committed, <see cref="Committed"/> lets the dispatcher know.
    /// </summary>
    public NpgsqlBatchCommand EnqueueCommand(long personId, MessageChannel channel, string language, string reference, string? subject, string text)
    {
        var content = Protect(reference, subject, text);
        var now = time.GetUtcNow();
        return PortalSql.BatchCommand(
            EnqueueSql,
            PortalSql.Typed(personId),
            PortalSql.Typed((short)channel),
            PortalSql.Typed(Lane),
            PortalSql.Typed(language),
            PortalSql.Typed(reference),
            PortalSql.Typed(now),
            PortalSql.Typed(content));
    }

    /// <summary>Subject (null for an SMS) and text of a priority message.</summary>
    public (string? Subject, string Text) Open(string reference, byte[] content)
    {
        var plain = Encoding.UTF8.GetString(protector.Unprotect(content, Encoding.UTF8.GetBytes(ContentColumn + reference)));
        var separator = plain.IndexOf('\0', StringComparison.Ordinal);
        return separator switch
        {
            0 => (null, plain[1..]),
            _ => (plain[..separator], plain[(separator + 1)..]),
        };
    }

    private byte[] Protect(string reference, string? subject, string text) =>
        protector.Protect(Encoding.UTF8.GetBytes($"{subject}\0{text}"), Encoding.UTF8.GetBytes(ContentColumn + reference));
}
