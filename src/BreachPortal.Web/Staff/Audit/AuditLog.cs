using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BreachPortal.Web.Staff.Audit;

/// <summary>
/// The one way events enter the audit log. An event joins the caller's transaction when there is one, so the
/// action and its record commit or fail together. Appends are serialised by a transaction-scoped advisory lock:
/// each row must see the hash of the row before it, whichever portal instance wrote that row.
/// </summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time)
{
    private const long ChainLock = 0x4175_6469_7443_6861; // "AuditCha"

    private const string InsertSql = """
        INSERT INTO audit_events (id, occurred_at, type, actor_id, actor, subject_type, subject_id, detail, client_address, previous_hash, hash)
        OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    public async Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            await using var batch = PortalSql.Batch(
                connection,
                transaction,
                PortalSql.BatchCommand("SELECT pg_advisory_xact_lock($1)", ChainLock),
                PortalSql.BatchCommand("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1"),
                PortalSql.BatchCommand("SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))"));
            var previous = AuditChain.Genesis;
            long id;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    previous = reader.GetFieldValue<byte[]>(0);
                }

                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                id = reader.GetInt64(0);
            }

            var e = new AuditEvent
            {
                Id = id,
                OccurredAt = AuditChain.ToStoredPrecision(time.GetUtcNow()),
                Type = entry.Type,
                ActorId = entry.Actor.StaffId,
                Actor = entry.Actor.Label,
                SubjectType = entry.SubjectType,
                SubjectId = entry.SubjectId,
                Detail = entry.Detail,
                ClientAddress = entry.Actor.ClientAddress,
                PreviousHash = previous,
            };
            e.Hash = AuditChain.ComputeHash(previous, e);
            await connection.ExecuteAsync(
                InsertSql,
                cancellationToken,
                e.Id,
                e.OccurredAt,
                (int)e.Type,
                e.ActorId,
                e.Actor,
                e.SubjectType,
                e.SubjectId,
                e.Detail,
                e.ClientAddress,
                e.PreviousHash,
                e.Hash);

            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return e;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
