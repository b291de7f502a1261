using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.People;
using Npgsql;

namespace BreachPortal.Web.Authority;

/// <summary>
/// Computes <see cref="Art34Evidence"/> in the database: the registry's figures from its tallies (<see cref="RegistryTally"/>)
/// and the campaigns' here, the ledger's from <see cref="IncidentLedger"/>; never a row in memory.
/// </summary>
public static class Art34Evidences
{
    // Unreachable as the ledger counts it for a policy using both channels: no contact on file, or purged.
    private static readonly string PeopleSql = $"""
        SELECT coalesce(sum(t.people), 0)::bigint, coalesce(sum(t.people) FILTER (WHERE NOT {LedgerSql.Reachable(LedgerSql.BothChannels, LedgerSql.Tally)}), 0)::bigint
        FROM {RegistryTally.Table} t
        WHERE t.incident_id = $1
        """;

    private const string CampaignsSql = """
        SELECT id, name, status, policy, language, created_at, approved_at, started_at, ended_at, people_count, unreachable_count
        FROM campaigns WHERE incident_id = $1
        ORDER BY created_at, id
        """;

    /// <summary>The evidence for one incident at <paramref name="now"/>; null when there is no such incident.</summary>
    /// <param name="database">The portal's database.</param>
    /// <param name="people">Counts the distinct people the ledger reached.</param>
    /// <param name="reference">The incident's reference, such as <c>FT-2024-03</c>.</param>
    /// <param name="now">When the evidence is drawn up.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<Art34Evidence?> BuildAsync(NpgsqlDataSource database, LedgerPeople people, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (await IncidentQueries.FindByReferenceAsync(connection, reference, cancellationToken) is not var (incidentId, incidentReference))
        {
            return null;
        }

        var (peopleToInform, unreachable, campaigns) = await RegistryAndCampaignsAsync(connection, incidentId, cancellationToken);
        var reached = await people.ReadAsync(connection, incidentId, now, cancellationToken);
        var ledger = await IncidentLedger.CountAsync(connection, incidentId, reached, cancellationToken);
        var summary = new Art34Summary(peopleToInform, unreachable, ledger.PeopleWithMessage, ledger.PeopleInformed, campaigns.Count, reached.CountedAt, reached.Current);
        return new Art34Evidence(incidentReference, now, summary, ledger.Channels, ledger.Failures, ledger.Daily, ledger.Templates, campaigns);
    }

    private static async Task<(long PeopleToInform, long Unreachable, List<Art34CampaignEntry> Campaigns)> RegistryAndCampaignsAsync(
        NpgsqlConnection connection,
        int incidentId,
        CancellationToken cancellationToken)
    {
        await using var batch = PortalSql.Batch(connection, null, PortalSql.BatchCommand(PeopleSql, incidentId), PortalSql.BatchCommand(CampaignsSql, incidentId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (peopleToInform, unreachable) = (reader.GetInt64(0), reader.GetInt64(1));

        await reader.NextResultAsync(cancellationToken);
        var campaigns = await reader.ListAsync(
            r => new Art34CampaignEntry(
                r.GetInt32(0),
                r.GetString(1),
                (CampaignStatus)r.GetInt16(2),
                (ChannelPolicy)r.GetInt16(3),
                r.GetString(4),
                r.Moment(5),
                r.NullableMoment(6),
                r.NullableMoment(7),
                r.NullableMoment(8),
                r.NullableInt64(9),
                r.NullableInt64(10)),
            cancellationToken);
        return (peopleToInform, unreachable, campaigns);
    }
}
