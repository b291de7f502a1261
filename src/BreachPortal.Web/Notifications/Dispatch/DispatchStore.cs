using BreachPortal.Web.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>
/// The dispatcher's own table, <c>dispatcher_instances</c>: each sending process's heartbeat, so that the live ones
/// share each campaign's rate. The messages themselves are the ledger's (<see cref="Ledger.MessageLeases"/>).
/// </summary>
public sealed class DispatchStore(NpgsqlDataSource database, IOptions<DispatcherOptions> options)
{
    /// <returns>The number of live dispatcher instances, this one included.</returns>
    public async Task<int> HeartbeatAsync(Guid instance, string host, DateTimeOffset startedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = PortalSql.Batch(
            database,
            PortalSql.BatchCommand(
                "INSERT INTO dispatcher_instances (id, host, started_at, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
                instance,
                host,
                startedAt,
                now),
            PortalSql.BatchCommand("DELETE FROM dispatcher_instances WHERE seen_at < $1", now - (3 * options.Value.Heartbeat)),
            PortalSql.BatchCommand("SELECT count(*) FROM dispatcher_instances"));
        var live = await batch.ExecuteScalarAsync(cancellationToken);
        return Math.Max(1, Convert.ToInt32(live, System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task LeaveAsync(Guid instance, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM dispatcher_instances WHERE id = $1", cancellationToken, instance);
}
