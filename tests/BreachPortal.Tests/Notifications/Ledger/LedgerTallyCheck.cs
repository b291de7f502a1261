using System.Globalization;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>The tallies of a campaign, group by group, against a count of its rows.</summary>
internal static class LedgerTallyCheck
{
    private const string Groups = "channel, status, failure_reason, sent_hour, ended_hour";

    private const string TalliedSql = $"""
        SELECT {Groups}, sum(messages)::bigint
        FROM ledger_tally_totals WHERE campaign_id = $1
        GROUP BY {Groups} HAVING sum(messages) <> 0
        ORDER BY {Groups}
        """;

    private const string CountedSql = $"""
        SELECT {Groups}, count(*)
        FROM (SELECT channel, status, failure_reason, date_trunc('hour', sent_at, 'UTC') AS sent_hour, date_trunc('hour', completed_at, 'UTC') AS ended_hour
              FROM messages WHERE campaign_id = $1) m
        GROUP BY {Groups}
        ORDER BY {Groups}
        """;

    public static async Task AssertMatchesRowsAsync(string connectionString, int campaign)
    {
        var counted = await GroupsAsync(connectionString, CountedSql, campaign);
        Assert.NotEmpty(counted);
        Assert.Equal(counted, await GroupsAsync(connectionString, TalliedSql, campaign));
    }

    public static async Task<long> ChangesAsync(string connectionString, int campaign) =>
        (await GroupsAsync(connectionString, "SELECT count(*) FROM ledger_tally_changes WHERE campaign_id = $1", campaign)).Select(long.Parse).Single();

    private static async Task<List<string>> GroupsAsync(string connectionString, string sql, int campaign)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter<int> { TypedValue = campaign } } };
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
