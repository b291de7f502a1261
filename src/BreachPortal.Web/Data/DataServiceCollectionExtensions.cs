using BreachPortal.Web.Hosting.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";

    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextPool<PortalDbContext>(options =>
            options.UseNpgsql(
                RequiredConnectionString(configuration),
                npgsql => npgsql.MigrationsHistoryTable(PortalDbContext.MigrationsHistoryTable)));
        services.AddPortalCommand<MigrateCommand>();
        return services;
    }

    public static string RequiredConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"The database is not configured: set ConnectionStrings:{ConnectionStringName} (environment variable " +
                $"ConnectionStrings__{ConnectionStringName}), or start the portal with tools/run, which runs a local PostgreSQL.")
            : connectionString;
    }

    /// <summary>In Development the schema follows the code without a separate step; elsewhere run the migrate verb.</summary>
    public static async Task MigrateInDevelopmentAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), CancellationToken.None);
    }
}
