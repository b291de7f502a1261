using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>A campaign as the dispatcher and the ledger writer read it: what and how to send, not its history.</summary>
public sealed record CampaignRow(
    int Id,
    int IncidentId,
    CampaignStatus Status,
    ChannelPolicy Policy,
    string Language,
    int? EmailTemplateId,
    int? SmsTemplateId,
    int EmailsPerSecond,
    int SmsPerSecond,
    TimeOnly SmsWindowStart,
    TimeOnly SmsWindowEnd,
    bool LedgerComplete);

/// <summary>Reads <see cref="CampaignRow"/>s with plain SQL, for the paths that run every second.</summary>
public static class CampaignRows
{
    private const string Columns = """
        id, incident_id, status, policy, language, email_template_id, sms_template_id, emails_per_second, sms_per_second,
        sms_window_start, sms_window_end, ledger_complete
        """;

    private static readonly string RunningSql = $"SELECT {Columns} FROM campaigns WHERE status = {LedgerSql.CampaignRunning} ORDER BY id";

    private static readonly string LedgerToCompleteSql =
        $"SELECT {Columns} FROM campaigns WHERE status = {LedgerSql.CampaignRunning} AND NOT ledger_complete ORDER BY id";

    private const string OneSql = $"SELECT {Columns} FROM campaigns WHERE id = $1";

    public static Task<List<CampaignRow>> RunningAsync(NpgsqlDataSource database, CancellationToken cancellationToken) =>
        ListAsync(database, RunningSql, cancellationToken);

    /// <summary>Running campaigns whose launch did not write the whole ledger (cut short, or left to the sending nodes).</summary>
    public static Task<List<CampaignRow>> LedgerToCompleteAsync(NpgsqlDataSource database, CancellationToken cancellationToken) =>
        ListAsync(database, LedgerToCompleteSql, cancellationToken);

    public static async Task<CampaignRow?> FindAsync(NpgsqlConnection connection, int campaignId, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(connection, OneSql, campaignId);
        return (await command.ListAsync(Read, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<CampaignRow>> ListAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(database, sql);
        return await command.ListAsync(Read, cancellationToken);
    }

    private static CampaignRow Read(NpgsqlDataReader reader) => new(
        reader.GetInt32(0),
        reader.GetInt32(1),
        (CampaignStatus)reader.GetInt16(2),
        (ChannelPolicy)reader.GetInt16(3),
        reader.GetString(4),
        reader.NullableInt32(5),
        reader.NullableInt32(6),
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.GetFieldValue<TimeOnly>(9),
        reader.GetFieldValue<TimeOnly>(10),
        reader.GetBoolean(11));
}
