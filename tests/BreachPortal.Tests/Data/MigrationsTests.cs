using BreachPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace BreachPortal.Tests.Data;

public sealed class MigrationsTests(PostgresServer server)
{
    [Fact]
    public async Task Model_ComparedWithLastMigration_HasNoChangeMissingAMigration()
    {
        await using var db = PostgresServer.CreateContext(await server.CreateDatabaseAsync());

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The EF model has changes that no migration captures. Add one: dotnet run --project tools/BreachPortal.MigrationTool -- add <Name>");
    }

    [Fact]
    public async Task Migrate_OnEmptyDatabase_CreatesIncidentsWithEveryDocumentedField()
    {
        var connectionString = await server.CreateEmptyDatabaseConnectionStringAsync();
        await using (var db = PostgresServer.CreateContext(connectionString))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        var columns = await ColumnsAsync(connectionString, "incidents");

        string[] documented =
        [
            "reference", "title_fr", "title_en", "started_at", "ended_at", "detected_at", "authority_notified_at",
            "disclosed_at", "vector_fr", "vector_en", "exposed_data", "not_exposed_data", "estimated_people",
            "likely_consequences_fr", "likely_consequences_en", "measures_fr", "measures_en", "dpo_contact_fr",
            "dpo_contact_en", "status",
        ];
        Assert.All(documented, column => Assert.Contains(column, columns));
        Assert.All(columns, column => Assert.Matches("^[a-z0-9_]+$", column));
    }

    [Fact]
    public async Task MigrateThenRollBackToZero_LeavesNoPortalTable()
    {
        var connectionString = await server.CreateEmptyDatabaseConnectionStringAsync();
        await using var db = PostgresServer.CreateContext(connectionString);
        var cancellationToken = TestContext.Current.CancellationToken;
        await db.Database.MigrateAsync(cancellationToken);

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase, cancellationToken);

        Assert.Empty(await ColumnsAsync(connectionString, "incidents"));
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync(cancellationToken));
    }

    [Fact]
    public async Task Database_RejectsAnIncidentBothExposedAndNotExposedForTheSameCategory()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO incidents (reference, title_fr, title_en, summary_fr, summary_en, vector_fr, vector_en,
              likely_consequences_fr, likely_consequences_en, measures_fr, measures_en, dpo_contact_fr, dpo_contact_en,
              exposed_data, not_exposed_data, estimated_people, status, created_at, updated_at,
              started_precision, ended_precision, detected_precision, authority_notified_precision, disclosed_precision)
            VALUES ('XX-1', 't', 't', 's', 's', 'v', 'v', 'c', 'c', 'm', 'm', 'd', 'd', 3, 1, 0, 'Contained', now(), now(),
              'Unknown', 'Unknown', 'Unknown', 'Unknown', 'Unknown')
            """, connection);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Equal("ck_incidents_exposed_not_exposed_disjoint", failure.ConstraintName);
    }

    private static async Task<List<string>> ColumnsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table", connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
