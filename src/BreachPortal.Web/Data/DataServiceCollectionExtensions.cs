using BreachPortal.Web.Hosting.CommandLine;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

        // The set-based paths (ledger, dispatcher, checks, registry import, reports) speak SQL directly, on this source.
        services.AddSingleton(provider => PortalDataSource(RequiredConnectionString(provider.GetRequiredService<IConfiguration>())));
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

    /// <summary>
    /// The statements on this source are few and repeated thousands of times a second: prepared once per connection,
    /// PostgreSQL stops parsing and planning each of them again.
    /// </summary>
    private static NpgsqlDataSource PortalDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
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
