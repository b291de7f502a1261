using System.Data;
using System.Text.Json;
using BreachPortal.Web.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>When the distinct people an incident's ledger reached are counted from its rows.</summary>
public sealed class LedgerPeopleOptions
{
    public const string Section = "Notifications:PeopleCounts";

    /// <summary>
    /// Up to this many messages in an incident's ledger, the people are counted from the rows whenever its tallies
    /// moved (well under a second); above, the last count is shown with its time until the upkeep counts again.
    /// </summary>
    public long LiveLimit { get; set; } = 500_000;

    /// <summary>How often the dispatchers' upkeep counts again an incident whose tallies moved since its last count.</summary>
    public TimeSpan RecountEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A ledger is counted in parts of this many person ids, each a short statement of bounded memory, instead of one
    /// aggregate over tens of millions of rows that holds a database core and spills to disk for tens of seconds.
    /// </summary>
    public int CountPart { get; set; } = 50_000;

    /// <summary>
    /// The share of the time the upkeep's count may work (above 0, at most 1): after each part it rests, so that a
    /// national count takes at most this share of one database core from the sending beside it.
    /// </summary>
    public double RecountShare { get; set; } = 0.5;

    /// <summary>How long the upkeep rests after a part that took <paramref name="part"/>.</summary>
    public TimeSpan RestAfter(TimeSpan part) => part * ((1 - RecountShare) / RecountShare);
}

/// <summary>People reached on one channel: with a message, with one a provider accepted or delivered, with one delivered.</summary>
public sealed record LedgerPeopleChannel(MessageChannel Channel, long WithMessage, long Informed, long Delivered);

/// <summary>The distinct people an incident's ledger reached, and when they were counted.</summary>
/// <param name="WithMessage">People with at least one message, across channels.</param>
/// <param name="Informed">People with at least one message accepted by a provider or delivered, across channels.</param>
/// <param name="Channels">Per channel (absent: nobody).</param>
/// <param name="CountedAt">When they were counted from the rows.</param>
/// <param name="Current">True when the ledger's tallies have not moved since: the figures are those of now.</param>
public sealed record LedgerPeopleFigures(long WithMessage, long Informed, IReadOnlyList<LedgerPeopleChannel> Channels, DateTimeOffset CountedAt, bool Current)
{
    public LedgerPeopleChannel Channel(MessageChannel channel) => Channels.FirstOrDefault(c => c.Channel == channel) ?? new(channel, 0, 0, 0);
}

/// <summary>
/// Counts the distinct people of an incident's ledger. They cannot be added up from tallies (a person may hold messages
/// of several campaigns and channels), so they are counted from the rows — one hash aggregate per person — and kept
/// with the fingerprint of the tallies they were counted against (<see cref="LedgerPeopleCount"/>). While the
/// fingerprint holds, the kept count is exact; when it moved, a small ledger is counted again at once, a large one
/// (tens of millions of messages, tens of seconds) by the dispatchers' upkeep, and shown meanwhile with its time.
/// Either count reads one snapshot, in parts of person ids (<see cref="LedgerPeopleOptions.CountPart"/>): a person's
/// messages all fall in one part, so the parts' figures add up to the whole.
/// </summary>
public sealed partial class LedgerPeople(NpgsqlDataSource database, IOptions<LedgerPeopleOptions> options, TimeProvider time, ILogger<LedgerPeople> logger)
{
    private const int RecountLock = 0x5065_6F70; // "Peop", with the incident id as the second key

    // Any status change moves a count of its campaign, channel and status: the people figures cannot move without it.
    private static readonly string FingerprintSql = $"""
        SELECT coalesce(string_agg(f.campaign_id || '/' || f.channel || '/' || f.status || '=' || f.n, ' ' ORDER BY f.campaign_id, f.channel, f.status), '') AS fingerprint,
               coalesce(sum(f.n), 0)::bigint AS messages
        FROM (SELECT campaign_id, channel, status, sum(messages) AS n FROM {LedgerTallies.Totals}
              WHERE campaign_id IN ({LedgerTallies.IncidentCampaigns}) GROUP BY campaign_id, channel, status HAVING sum(messages) <> 0) f
        """;

    private static readonly string ReadSql = $"""
        SELECT f.fingerprint, f.messages, c.fingerprint, c.counted_at, c.figures
        FROM ({FingerprintSql}) f LEFT JOIN ledger_people_counts c ON c.incident_id = $1
        """;

    // The person ids of the incident's messages: each campaign's first and last entry in the (campaign, person)
    // index, found from the campaign's edge of the index and kept when it is that campaign's. Not min/max with
    // campaign_id = c.id: the planner serves those from the person_id index, filtering on the campaign, and for a
    // campaign with few or no messages it read the whole index (49 s at 10 M people, the upkeep's every recount).
    internal static readonly string RangeSql = $"""
        SELECT min(lo.person_id) FILTER (WHERE lo.campaign_id = c.id), max(hi.person_id) FILTER (WHERE hi.campaign_id = c.id)
        FROM ({LedgerTallies.IncidentCampaigns}) c
        LEFT JOIN LATERAL (SELECT m.campaign_id, m.person_id FROM messages m WHERE m.campaign_id >= c.id ORDER BY m.campaign_id, m.person_id LIMIT 1) lo ON true
        LEFT JOIN LATERAL (SELECT m.campaign_id, m.person_id FROM messages m WHERE m.campaign_id <= c.id ORDER BY m.campaign_id DESC, m.person_id DESC LIMIT 1) hi ON true
        """;

    // The people of one part of the person ids. The row without a channel counts people across channels (a person
    // told by email and SMS is one person informed).
    private static readonly string PartSql = $"""
        SELECT p.channel, count(*) AS with_message, count(*) FILTER (WHERE p.reached) AS informed, count(*) FILTER (WHERE p.delivered) AS delivered
        FROM (
            SELECT m.person_id, m.channel,
                   bool_or(m.status IN {LedgerSql.Reached}) AS reached, bool_or(m.status = {LedgerSql.Delivered}) AS delivered
            FROM messages m WHERE m.campaign_id IN ({LedgerTallies.IncidentCampaigns}) AND m.person_id BETWEEN $2 AND $3
            GROUP BY GROUPING SETS ((m.person_id, m.channel), (m.person_id))) p
        GROUP BY p.channel
        """;

    private const string KeepSql = """
        INSERT INTO ledger_people_counts (incident_id, fingerprint, counted_at, figures) VALUES ($1, $2, $3, $4)
        ON CONFLICT (incident_id) DO UPDATE SET fingerprint = excluded.fingerprint, counted_at = excluded.counted_at, figures = excluded.figures
        WHERE ledger_people_counts.counted_at <= excluded.counted_at
        """;

    private const string StaleSql = """
        SELECT DISTINCT c.incident_id FROM campaigns c
        LEFT JOIN ledger_people_counts l ON l.incident_id = c.incident_id
        WHERE l.incident_id IS NULL OR l.counted_at < $1
        ORDER BY c.incident_id
        """;

    /// <summary>The people figures to show at <paramref name="now"/>: kept, counted again, or kept and marked not current.</summary>
    public async Task<LedgerPeopleFigures> ReadAsync(NpgsqlConnection connection, int incidentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string fingerprint;
        long messages;
        Kept? kept;
        await using (var command = PortalSql.Command(connection, ReadSql, incidentId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (fingerprint, messages) = (reader.GetString(0), reader.GetInt64(1));
            kept = reader.IsDBNull(2) ? null : new Kept(reader.GetString(2), reader.Moment(3), reader.GetString(4));
        }

        if (kept is not null && kept.Fingerprint == fingerprint)
        {
            return kept.Figures(current: true);
        }

        return kept is null || messages <= options.Value.LiveLimit
            ? await CountAsync(connection, incidentId, now, rest: false, cancellationToken)
            : kept.Figures(current: false);
    }

    /// <summary>
    /// The upkeep's part: counts again, one after the other, the incidents whose tallies moved since their last count
    /// and whose count is older than <see cref="LedgerPeopleOptions.RecountEvery"/>. Returns how many were counted.
    /// </summary>
    public async Task<int> RecountStaleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        List<int> incidents;
        await using (var command = PortalSql.Command(connection, StaleSql, now - options.Value.RecountEvery))
        {
            incidents = await command.ListAsync(r => r.GetInt32(0), cancellationToken);
        }

        var counted = 0;
        foreach (var incident in incidents)
        {
            // Another node counting the same incident: this one leaves it.
            if (!await connection.ScalarAsync<bool>("SELECT pg_try_advisory_lock($1, $2)", cancellationToken, RecountLock, incident))
            {
                continue;
            }

            try
            {
                var figures = await ReadAsync(connection, incident, now, cancellationToken);
                if (!figures.Current)
                {
                    await CountAsync(connection, incident, now, rest: true, cancellationToken);
                    counted++;
                    LogRecounted(logger, incident);
                }
            }
            finally
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock($1, $2)", CancellationToken.None, RecountLock, incident);
            }
        }

        return counted;
    }

    /// <summary>Counts the incident's people in one snapshot, part after part; the upkeep's count rests after each (<see cref="LedgerPeopleOptions.RestAfter"/>).</summary>
    private async Task<LedgerPeopleFigures> CountAsync(NpgsqlConnection connection, int incidentId, DateTimeOffset now, bool rest, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string fingerprint;
        var rows = new Dictionary<short, PeopleRow>();
        await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
        {
            fingerprint = await connection.ScalarAsync<string>(FingerprintSql, cancellationToken, incidentId);
            var (low, high) = await RangeAsync(connection, incidentId, cancellationToken);
            for (var from = low; from <= high; from += settings.CountPart)
            {
                var started = time.GetTimestamp();
                await AddPartAsync(connection, incidentId, from, Math.Min(high, from + settings.CountPart - 1), rows, cancellationToken);
                if (rest && from + settings.CountPart <= high)
                {
                    await Task.Delay(settings.RestAfter(time.GetElapsedTime(started)), time, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // The database keeps microseconds: the count read back later carries the same time as this one.
        var countedAt = now.AddTicks(-(now.Ticks % 10));
        var figures = JsonSerializer.Serialize(rows.Values.OrderBy(r => r.Channel ?? -1).ToList());
        await connection.ExecuteAsync(KeepSql, cancellationToken, incidentId, fingerprint, countedAt, figures);
        return new Kept(fingerprint, countedAt, figures).Figures(current: true);
    }

    /// <returns>The first and last person id of the incident's messages; an empty range when it has none.</returns>
    private static async Task<(long Low, long High)> RangeAsync(NpgsqlConnection connection, int incidentId, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(connection, RangeSql, incidentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? (0, -1) : (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task AddPartAsync(NpgsqlConnection connection, int incidentId, long from, long to, Dictionary<short, PeopleRow> rows, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(connection, PartSql, incidentId, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var part = new PeopleRow(reader.IsDBNull(0) ? null : reader.GetInt16(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            var key = part.Channel ?? -1;
            rows[key] = rows.TryGetValue(key, out var sum) ? sum.Plus(part) : part;
        }
    }

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Incident {IncidentId}: the people its ledger reached were counted again.")]
    private static partial void LogRecounted(ILogger logger, int incidentId);

    private sealed record PeopleRow(short? Channel, long WithMessage, long Informed, long Delivered)
    {
        public PeopleRow Plus(PeopleRow other) => this with { WithMessage = WithMessage + other.WithMessage, Informed = Informed + other.Informed, Delivered = Delivered + other.Delivered };
    }

    private sealed record Kept(string Fingerprint, DateTimeOffset CountedAt, string Json)
    {
        public LedgerPeopleFigures Figures(bool current)
        {
            var rows = JsonSerializer.Deserialize<List<PeopleRow>>(Json) ?? [];
            var across = rows.FirstOrDefault(r => r.Channel is null);
            var channels = rows.Where(r => r.Channel is not null)
                .Select(r => new LedgerPeopleChannel((MessageChannel)r.Channel!.Value, r.WithMessage, r.Informed, r.Delivered))
                .OrderBy(c => c.Channel)
                .ToList();
            return new LedgerPeopleFigures(across?.WithMessage ?? 0, across?.Informed ?? 0, channels, CountedAt, current);
        }
    }
}
