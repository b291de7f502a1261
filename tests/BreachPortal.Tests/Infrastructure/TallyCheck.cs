using System.Globalization;
using Npgsql;

namespace BreachPortal.Tests.Infrastructure;

/// <summary>The figures the database keeps (ledger and registry tallies), group by group, against a count of the rows.</summary>
internal static class TallyCheck
{
    private const string LedgerGroups = "channel, status, failure_reason, sent_hour, ended_hour";
    private const string RegistryGroups = "incident_id, held_data, purged, categories";

    private const string LedgerTalliedSql = $"""
        SELECT {LedgerGroups}, sum(messages)::bigint
        FROM ledger_tally_totals WHERE campaign_id = $1
        GROUP BY {LedgerGroups} HAVING sum(messages) <> 0
        ORDER BY {LedgerGroups}
        """;

    private const string LedgerCountedSql = $"""
        SELECT {LedgerGroups}, count(*)
        FROM (SELECT channel, status, failure_reason, date_trunc('hour', sent_at, 'UTC') AS sent_hour, date_trunc('hour', completed_at, 'UTC') AS ended_hour
              FROM messages WHERE campaign_id = $1) m
        GROUP BY {LedgerGroups}
        ORDER BY {LedgerGroups}
        """;

    private const string RegistryTalliedSql = $"""
        SELECT {RegistryGroups}, sum(people)::bigint
        FROM registry_tallies WHERE $1 IS NULL OR incident_id = $1
        GROUP BY {RegistryGroups} HAVING sum(people) <> 0
        ORDER BY {RegistryGroups}
        """;

    private const string RegistryCountedSql = $"""
        SELECT {RegistryGroups}, count(*)
        FROM (SELECT e.incident_id, p.held_data, p.purged_at IS NOT NULL AS purged, e.categories
              FROM exposures e JOIN people p ON p.id = e.person_id WHERE $1 IS NULL OR e.incident_id = $1) r
        GROUP BY {RegistryGroups}
        ORDER BY {RegistryGroups}
        """;

    public static async Task LedgerMatchesRowsAsync(string connectionString, int campaign)
    {
        var counted = await RowsAsync(connectionString, LedgerCountedSql, campaign);
        Assert.NotEmpty(counted);
        Assert.Equal(counted, await RowsAsync(connectionString, LedgerTalliedSql, campaign));
    }

    public static async Task<long> LedgerChangesAsync(string connectionString, int campaign) =>
        (await RowsAsync(connectionString, "SELECT count(*) FROM ledger_tally_changes WHERE campaign_id = $1", campaign)).Select(long.Parse).Single();

    /// <summary>One incident's registry tallies, or the whole database's when <paramref name="incidentId"/> is null.</summary>
    public static async Task RegistryMatchesRowsAsync(string connectionString, int? incidentId = null) =>
        Assert.Equal(await RowsAsync(connectionString, RegistryCountedSql, incidentId), await RowsAsync(connectionString, RegistryTalliedSql, incidentId));

    private static async Task<List<string>> RowsAsync(string connectionString, string sql, int? key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter<int?> { TypedValue = key, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer } } };
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
