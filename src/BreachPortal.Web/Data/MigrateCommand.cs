using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Data;

internal sealed class MigrateCommand(PortalDbContext db) : IPortalCommand
{
    public string Name => "migrate";

    public string Summary => "Apply the database migrations that are not applied yet.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        await output.WriteLineAsync(pending.Count == 0
            ? "migrate: database is up to date."
            : $"migrate: applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        return PortalCommandLine.Success;
    }
}
