using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications.Campaigns;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>
/// The database's reachability rule (portal_reaches, portal_launch_writes, portal_reachable), which the audience
/// count, the ledger's launch, the SMS fallback and the Art. 34 figures all ask, against the rule as staff read it.
/// </summary>
public sealed class ReachabilityRuleTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRule_ForEveryPolicyContactAndPurge_IsTheOneStaffRead()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        var heldCases = new[] { DataCategories.None, DataCategories.Email, DataCategories.Phone, DataCategories.Email | DataCategories.Phone, DataCategories.LastName | DataCategories.PostalAddress };
        var mismatches = new List<string>();
        foreach (var policy in Enum.GetValues<ChannelPolicy>())
        {
            foreach (var held in heldCases)
            {
                foreach (var purged in new[] { false, true })
                {
                    var (email, sms) = ExpectedAtLaunch(policy, held, purged);
                    var smsEver = !purged && policy.UsesSms() && held.HasFlag(DataCategories.Phone);
                    var expected = (email, sms, smsEver, email || smsEver);
                    var actual = await AskAsync(connection, policy, held, purged);
                    if (actual != expected)
                    {
                        mismatches.Add($"{policy} {held} purged={purged}: expected {expected}, the database says {actual}");
                    }
                }
            }
        }

        Assert.Empty(mismatches);
    }

    private static async Task<(bool EmailAtLaunch, bool SmsAtLaunch, bool SmsEver, bool Reachable)> AskAsync(NpgsqlConnection connection, ChannelPolicy policy, DataCategories held, bool purged)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT portal_launch_writes($1, 1::smallint, $2, $3), portal_launch_writes($1, 2::smallint, $2, $3),
                   portal_reaches($1, 2::smallint, $2, $3), portal_reachable($1, $2, $3)
            """,
            connection)
        {
            Parameters = { new() { Value = (short)policy }, new() { Value = (long)held }, new() { Value = purged } },
        };
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        await reader.ReadAsync(Cancel);
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    // Written out from the policies' descriptions, not from the SQL.
    private static (bool Email, bool Sms) ExpectedAtLaunch(ChannelPolicy policy, DataCategories held, bool purged)
    {
        if (purged)
        {
            return (false, false);
        }

        var hasEmail = held.HasFlag(DataCategories.Email);
        var hasPhone = held.HasFlag(DataCategories.Phone);
        return policy switch
        {
            ChannelPolicy.Email => (hasEmail, false),
            ChannelPolicy.Sms => (false, hasPhone),
            ChannelPolicy.Both => (hasEmail, hasPhone),
            ChannelPolicy.EmailWithSmsFallback => (hasEmail, hasPhone && !hasEmail),
            _ => throw new ArgumentOutOfRangeException(nameof(policy)),
        };
    }
}
