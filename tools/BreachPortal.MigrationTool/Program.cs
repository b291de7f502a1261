using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

const string RootNamespace = "BreachPortal.Web";
const string MigrationsNamespace = "Data.Migrations";

if (args is not ["add", _] and not ["remove"])
{
    await Console.Error.WriteLineAsync("""
        usage: dotnet run --project tools/BreachPortal.MigrationTool -- add <MigrationName>
               dotnet run --project tools/BreachPortal.MigrationTool -- remove   (the last migration, without asking the database)
        """);
    return 2;
}

var projectDirectory = FindWebProjectDirectory();
var options = new DbContextOptionsBuilder<PortalDbContext>()
    .UseNpgsql("Host=design-time-only", npgsql => npgsql.MigrationsHistoryTable(PortalDbContext.MigrationsHistoryTable))
    .Options;
await using var db = new PortalDbContext(options);

var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // The provider's design-time services are public API for tools, in an Internal namespace.
new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
await using var provider = services.BuildServiceProvider();
var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();

if (args[0] == "remove")
{
    var removed = scaffolder.RemoveMigration(projectDirectory, RootNamespace, force: true, language: "C#");
    Console.WriteLine($"Removed {removed.MigrationFile ?? "(nothing)"}");
    return 0;
}

var migration = scaffolder.ScaffoldMigration(args[1], RootNamespace, MigrationsNamespace, language: "C#");
var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Data", "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}");
Console.WriteLine($"Wrote {files.MetadataFile}");
Console.WriteLine($"Wrote {files.SnapshotFile}");
return 0;

static string FindWebProjectDirectory()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "src", "BreachPortal.Web");
        if (File.Exists(Path.Combine(candidate, "BreachPortal.Web.csproj")))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("src/BreachPortal.Web not found above " + AppContext.BaseDirectory);
}
