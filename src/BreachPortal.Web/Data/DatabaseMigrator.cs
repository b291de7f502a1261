using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace BreachPortal.Web.Data;

public static class DatabaseMigrator
{
    /// <summary>Applies the pending migrations and returns their names.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        // On a new database EF finds out that its history table is missing by running a query that fails,
        // logged as an error; creating the table first keeps a first run's log clean.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
