using BreachPortal.Web.Notifications.Ledger;
using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Retention;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>
/// Closes running campaigns whose every message has reached a final status, and moves the retention date of the
/// people concerned (the registry keeps their data for a while after the last campaign about them).
/// </summary>
public sealed partial class CampaignFinisher(PortalDbContext db, AuditLog audit, RegistryRetention retention, TimeProvider time, ILogger<CampaignFinisher> logger)
{
    // Due and sending are asked apart: each has its own partial index.
    private static readonly string NothingOpen = $$"""
        c.status = {{LedgerSql.CampaignRunning}} AND c.ledger_complete
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.campaign_id = c.id AND m.status IN {{LedgerSql.Due}})
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.status = {{LedgerSql.Sending}} AND m.campaign_id = c.id)
        """;

    private static readonly string CandidatesSql = $"SELECT c.id AS \"Value\" FROM campaigns c WHERE {NothingOpen}";

    private static readonly string FinishSql =
        $"UPDATE campaigns c SET status = {LedgerSql.CampaignFinished}, ended_at = @now WHERE c.id = @id AND {NothingOpen} RETURNING c.incident_id AS \"Value\"";

    public async Task<int> FinishCompletedAsync(CancellationToken cancellationToken)
    {
        var candidates = await db.Database.SqlQueryRaw<int>(CandidatesSql).ToListAsync(cancellationToken);
        var finished = 0;
        foreach (var id in candidates)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            var incidentId = await db.Database.SqlQueryRaw<int>(
                FinishSql,
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("id", id)).ToListAsync(cancellationToken);
            if (incidentId.Count == 0)
            {
                continue;
            }

            var retained = await retention.ExtendAfterCampaignAsync(incidentId[0], now, cancellationToken);
            await audit.AppendAsync(
                new AuditEntry(AuditEventType.CampaignFinished, AuditActor.System)
                {
                    SubjectType = AuditSubjects.Campaign,
                    SubjectId = id.ToString(CultureInfo.InvariantCulture),
                    Detail = string.Create(CultureInfo.InvariantCulture, $"retention_extended={retained}"),
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogFinished(logger, id);
            finished++;
        }

        return finished;
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Campaign {CampaignId} finished: every message has a final status.")]
    private static partial void LogFinished(ILogger logger, int campaignId);
}
