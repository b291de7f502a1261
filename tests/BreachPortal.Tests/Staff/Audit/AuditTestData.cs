using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Staff.Audit;
using Npgsql;

namespace BreachPortal.Tests.Staff.Audit;

/// <summary>Audit events written through the real <see cref="AuditLog"/>, and the superuser tampering the chain must reveal.</summary>
public static class AuditTestData
{
    public static async Task<IReadOnlyList<AuditEvent>> AppendAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var appended = new List<AuditEvent>();
        for (var i = 0; i < count; i++)
        {
            await using var db = PostgresServer.CreateContext(connectionString);
            var log = new AuditLog(db, TimeProvider.System);
            appended.Add(await log.AppendAsync(Entry(i), cancellationToken));
        }

        return appended;
    }

    public static AuditEntry Entry(int i) =>
        AuditEntry.AboutStaff(
            AuditEventType.RoleGranted,
            new AuditActor(Guid.CreateVersion7(), "a•••@agence.example.fr", "192.0.2.1"),
            Guid.CreateVersion7(),
            $"Operator #{i}, \"quoted\", ünïcode");

    /// <summary>What only a superuser can do: run SQL with triggers off (session_replication_role = replica).</summary>
    public static async Task TamperAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync(cancellationToken);
        await using (var bypass = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await bypass.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        if (rows == 0)
        {
            throw new InvalidOperationException($"The tampering changed nothing: {sql}");
        }
    }

    /// <summary>SQL as any ordinary session runs it, triggers on.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
